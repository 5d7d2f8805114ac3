/**
 * Undo/redo over snapshots, with marks and squash (after tldraw's HistoryManager). Each step
 * holds the document before and after one change. A gesture (a whole drag, or a link that loads
 * a platform and then applies its settings) sets a mark when it starts and squashes everything
 * after the mark into one step when it ends, so one gesture is one undo.
 */
type Step<T> = { readonly kind: 'step'; readonly before: T; readonly after: T };
type Mark = { readonly kind: 'mark'; readonly id: string };

/** Enough for a long session; the oldest steps go first. */
export const DEFAULT_HISTORY_LIMIT = 200;

export class HistoryManager<T> {
  private undos: (Step<T> | Mark)[] = [];
  private redos: Step<T>[] = [];

  constructor(private readonly limit = DEFAULT_HISTORY_LIMIT) {}

  /** One change from `before` to `after`; a new change forgets what could be redone. */
  record(before: T, after: T): void {
    this.undos.push({ kind: 'step', before, after });
    this.redos = [];
    this.trim();
  }

  /** Start a gesture. */
  mark(id: string): void {
    this.undos.push({ kind: 'mark', id });
  }

  /** End a gesture: the steps after the latest mark `id` become one step (none if nothing changed). */
  squashToMark(id: string): void {
    const at = this.undos.findLastIndex((e) => e.kind === 'mark' && e.id === id);
    if (at < 0) return;
    const steps = this.undos.slice(at + 1).filter((e): e is Step<T> => e.kind === 'step');
    this.undos.length = at;
    if (steps.length > 0) this.undos.push({ kind: 'step', before: steps[0]!.before, after: steps[steps.length - 1]!.after });
    this.trim();
  }

  /** The document to go back to, or undefined; marks passed on the way are dropped. */
  undo(): T | undefined {
    for (let e = this.undos.pop(); e; e = this.undos.pop()) {
      if (e.kind === 'step') {
        this.redos.push(e);
        return e.before;
      }
    }
    return undefined;
  }

  redo(): T | undefined {
    const e = this.redos.pop();
    if (!e) return undefined;
    this.undos.push(e);
    return e.after;
  }

  get canUndo(): boolean {
    return this.undos.some((e) => e.kind === 'step');
  }

  get canRedo(): boolean {
    return this.redos.length > 0;
  }

  clear(): void {
    this.undos = [];
    this.redos = [];
  }

  /** Drop the oldest steps beyond the limit; steps of a gesture still open (after the latest mark) stay. */
  private trim(): void {
    let excess = this.undos.filter((e) => e.kind === 'step').length - this.limit;
    if (excess <= 0) return;
    const open = this.undos.findLastIndex((e) => e.kind === 'mark');
    this.undos = this.undos.filter((e, i) => {
      if (excess <= 0 || e.kind === 'mark' || (open >= 0 && i > open)) return true;
      excess -= 1;
      return false;
    });
  }
}
