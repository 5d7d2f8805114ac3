/**
 * Undo/redo bound to the app store. Every store change that alters the edit document is recorded;
 * a drag (the candidates slice's `dragging` flag) and any async multi-step change run as a
 * gesture: a mark at the start, a squash at the end, so each is one undo step. Undo and redo
 * write the document back in one store update, which is not itself recorded.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppStore } from '../store/appStore.ts';
import { editDocOf, sameEdit, type EditDoc } from './editDoc.ts';
import { HistoryManager } from './historyManager.ts';

export interface HistoryStatus {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

export interface StoreHistory {
  readonly status: StoreApi<HistoryStatus>;
  undo(): void;
  redo(): void;
  /** Run `work` (which may change the store several times) as one undo step. */
  gesture<R>(id: string, work: () => Promise<R>): Promise<R>;
  /** Forget everything (after the session's first state is in place). */
  clear(): void;
  /** Stop listening to the store. */
  destroy(): void;
}

export function bindHistory(store: AppStore): StoreHistory {
  const h = new HistoryManager<EditDoc>();
  const status = createStore<HistoryStatus>()(() => ({ canUndo: false, canRedo: false }));
  let restoring = false;
  const publish = (): void => status.setState({ canUndo: h.canUndo, canRedo: h.canRedo });

  const unsubscribe = store.subscribe((s, prev) => {
    if (restoring) return;
    if (prev.dragging === null && s.dragging !== null) h.mark('drag');
    const before = editDocOf(prev);
    const after = editDocOf(s);
    // The first scenario of a session is where history starts, not a step.
    if (prev.scenario !== null && !sameEdit(before, after)) h.record(before, after);
    if (prev.dragging !== null && s.dragging === null) h.squashToMark('drag');
    publish();
  });

  const restore = (doc: EditDoc | undefined): void => {
    if (!doc) return;
    const current = store.getState();
    const newScenario = doc.scenario !== current.scenario;
    restoring = true;
    try {
      store.setState({
        ...doc,
        loadStatus: { state: 'ready' },
        // Another scenario: what was selected or zoomed belongs to the old one (as setScenario does).
        ...(newScenario ? { selection: null, view: null, device: null } : {}),
      });
    } finally {
      restoring = false;
    }
    publish();
  };

  let gestures = 0;
  return {
    status,
    undo: () => restore(h.undo()),
    redo: () => restore(h.redo()),
    gesture: async (id, work) => {
      const mark = `${id}#${++gestures}`;
      h.mark(mark);
      try {
        return await work();
      } finally {
        h.squashToMark(mark);
        publish();
      }
    },
    clear: () => {
      h.clear();
      publish();
    },
    destroy: unsubscribe,
  };
}
