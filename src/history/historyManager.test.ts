import { describe, expect, it } from 'vitest';
import { HistoryManager } from './historyManager.ts';

/** Apply changes to a number "document" the way the store binding does. */
function session() {
  const h = new HistoryManager<number>(5);
  let doc = 0;
  return {
    h,
    get doc() {
      return doc;
    },
    set(next: number) {
      h.record(doc, next);
      doc = next;
    },
    undo() {
      const d = h.undo();
      if (d !== undefined) doc = d;
    },
    redo() {
      const d = h.redo();
      if (d !== undefined) doc = d;
    },
  };
}

describe('HistoryManager', () => {
  it('undoes and redoes single changes in order', () => {
    const s = session();
    s.set(1);
    s.set(2);
    s.undo();
    expect(s.doc).toBe(1);
    s.undo();
    expect(s.doc).toBe(0);
    expect(s.h.canUndo).toBe(false);
    s.redo();
    s.redo();
    expect(s.doc).toBe(2);
    expect(s.h.canRedo).toBe(false);
  });

  it('a new change after an undo forgets the redo branch', () => {
    const s = session();
    s.set(1);
    s.undo();
    s.set(5);
    expect(s.h.canRedo).toBe(false);
    s.undo();
    expect(s.doc).toBe(0);
  });

  it('squashes a gesture (every drag frame) into one step', () => {
    const s = session();
    s.set(1);
    s.h.mark('drag');
    for (const frame of [2, 3, 4, 5, 6, 7]) s.set(frame);
    s.h.squashToMark('drag');
    s.undo();
    expect(s.doc).toBe(1);
    s.redo();
    expect(s.doc).toBe(7);
  });

  it('a gesture that changed nothing leaves no step', () => {
    const s = session();
    s.set(1);
    s.h.mark('drag');
    s.h.squashToMark('drag');
    s.undo();
    expect(s.doc).toBe(0);
    expect(s.h.canUndo).toBe(false);
  });

  it('squashes to the latest mark of that name only', () => {
    const s = session();
    s.h.mark('g');
    s.set(1);
    s.h.mark('g');
    s.set(2);
    s.set(3);
    s.h.squashToMark('g');
    s.undo();
    expect(s.doc).toBe(1);
  });

  it('undo skips marks left open', () => {
    const s = session();
    s.set(1);
    s.h.mark('open');
    s.undo();
    expect(s.doc).toBe(0);
  });

  it('keeps at most `limit` steps, dropping the oldest', () => {
    const s = session();
    for (let i = 1; i <= 8; i++) s.set(i);
    let undos = 0;
    while (s.h.canUndo) {
      s.undo();
      undos += 1;
    }
    expect(undos).toBe(5);
    expect(s.doc).toBe(3);
  });
});
