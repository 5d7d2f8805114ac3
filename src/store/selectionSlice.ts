/** The selected drawn item: a lane id and the item's key within it (plain data, link-friendly). */
import type { StateCreator } from 'zustand';
import type { AppState } from './appState.ts';

export interface Selection {
  readonly lane: string;
  readonly key: string;
}

export interface SelectionSlice {
  readonly selection: Selection | null;
  select(selection: Selection | null): void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selection: null,
  select: (selection) => set({ selection }),
});
