/**
 * Per-frame main-thread work from a Chrome trace (CDP Tracing, devtools.timeline categories): the
 * renderer's main thread, its top-level tasks, and the frame boundaries Blink records. A frame's
 * work is the task time that falls between its BeginMainThreadFrame and the next one: input
 * handling, React rendering, style, layout and paint, wherever the scheduler put them.
 */
export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string; readonly data?: { readonly type?: string } };
}

export interface FrameWork {
  /** Main-thread busy time per frame, in ms, in order. */
  readonly frames: number[];
  /** Longest top-level task in the window, in ms. */
  readonly longestTask: number;
  readonly pointerMoves: number;
}

const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

export function frameWork(events: readonly TraceEvent[]): FrameWork | string {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const moves = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (mains.has(key) && e.name === 'EventDispatch' && e.args?.data?.type === 'pointermove') moves.set(key, [...(moves.get(key) ?? []), e]);
  }
  const [thread, pointer] = [...moves].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (!thread || !pointer) return 'the trace has no pointermove on a renderer main thread';
  const on = events.filter((e) => `${e.pid}:${e.tid}` === thread);
  const from = Math.min(...pointer.map((e) => e.ts));
  const to = Math.max(...pointer.map((e) => e.ts + (e.dur ?? 0)));

  const tasks: { start: number; end: number }[] = [];
  for (const e of on.filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name)).sort((a, b) => a.ts - b.ts)) {
    const last = tasks[tasks.length - 1];
    if (last && e.ts < last.end) continue; // nested run loop: already counted
    tasks.push({ start: e.ts, end: e.ts + (e.dur ?? 0) });
  }
  const begins = on
    .filter((e) => e.name === 'BeginMainThreadFrame' && e.ts >= from && e.ts <= to)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  if (begins.length < 2) return `the trace has ${begins.length} BeginMainThreadFrame events during the drag`;

  const frames: number[] = [];
  let t = 0;
  for (let i = 0; i + 1 < begins.length; i++) {
    const [a, b] = [begins[i]!, begins[i + 1]!];
    while (t < tasks.length && tasks[t]!.end <= a) t += 1;
    let busy = 0;
    for (let k = t; k < tasks.length && tasks[k]!.start < b; k++) busy += Math.min(b, tasks[k]!.end) - Math.max(a, tasks[k]!.start);
    frames.push(busy / 1000);
  }
  const inWindow = tasks.filter((k) => k.end > from && k.start < to);
  return { frames, longestTask: Math.max(0, ...inWindow.map((k) => (k.end - k.start) / 1000)), pointerMoves: pointer.length };
}

export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}
