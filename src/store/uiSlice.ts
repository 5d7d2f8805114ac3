/** Presentation choices: the policy in force, theme, panels, and the valid-window highlight. */
import type { StateCreator } from 'zustand';
import type { PolicyId } from '../analysis/analyze.ts';
import type { AppState } from './appState.ts';

export type ThemeChoice = 'system' | 'light' | 'dark';

export const POLICIES: readonly { readonly id: PolicyId; readonly label: string; readonly summary: string }[] = [
  { id: 'mainline', label: 'Mainline', summary: 'fixed SW_MSI window at 0x8000000 (arm_smmu_get_resv_regions)' },
  { id: 'series-v4', label: 'Series v4', summary: 'first of 0x8000000, 0xa0000000 that intersects no region (unmerged)' },
  { id: 'dynamic', label: 'Dynamic', summary: 'highest free 1 MiB window below 4 GiB, chosen from what the kernel knows (review suggestion, unmerged)' },
  { id: 'userspace', label: 'Userspace', summary: 'the VMM sets the window with IOMMU_OPTION_SW_MSI_START (iommufd proposal, unmerged); default: the valid window nearest 0x8000000' },
];

export interface UiSlice {
  readonly policy: PolicyId;
  readonly theme: ThemeChoice;
  readonly showValidWindows: boolean;
  readonly panels: { readonly details: boolean; readonly conflicts: boolean };
  setPolicy(policy: PolicyId): void;
  setTheme(theme: ThemeChoice): void;
  setShowValidWindows(show: boolean): void;
  togglePanel(panel: 'details' | 'conflicts'): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  policy: 'mainline',
  theme: 'system',
  showValidWindows: false,
  panels: { details: true, conflicts: true },
  setPolicy: (policy) => set({ policy }),
  setTheme: (theme) => set({ theme }),
  setShowValidWindows: (showValidWindows) => set({ showValidWindows }),
  togglePanel: (panel) => set((s) => ({ panels: { ...s.panels, [panel]: !s.panels[panel] } })),
});
