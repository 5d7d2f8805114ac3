/**
 * Runs cases of one target in a worker thread under a per-case deadline. A parser that hangs
 * cannot be interrupted from its own thread, so the parent times each case and, past the
 * deadline, terminates the worker, records the case as a hang and starts a new worker after it.
 * A worker that dies (out of memory under its heap cap, a native crash) is a finding the same way.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerMessage } from './protocol.ts';

export interface Finding {
  readonly target: string;
  readonly index: number;
  readonly problem: string;
}

export interface RunSummary {
  readonly findings: Finding[];
  readonly cases: number;
  readonly slowest: { readonly index: number; readonly ms: number; readonly bytes: number } | undefined;
}

/** Generous for a parser that should do tens of MB/s: 2 s plus 250 ms per MiB of input. */
export function caseDeadlineMs(bytes: number): number {
  return 2000 + bytes / 4096;
}

/** Time for a fresh worker to load the TypeScript sources before its first case. */
const STARTUP_MS = 60_000;
/** A parser may use a few times its input; a runaway allocation meets this cap and is reported. */
const HEAP_MB = 1024;

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

/** Run one worker over [from, to); resolves with the index to resume from (to when done). */
function runWorker(job: WorkerJob, deadline: (bytes: number) => number, findings: Finding[], summary: { cases: number; slowest: RunSummary['slowest'] }): Promise<number> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_URL, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB }, stdout: true, stderr: true });
    let current: number | undefined;
    let currentBytes = 0;
    let currentLimit = 0;
    let currentStarted = 0;
    let settled = false;
    let timer: NodeJS.Timeout = setTimeout(() => stop(`the worker did not start within ${STARTUP_MS} ms`), STARTUP_MS);

    const finish = (resume: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(resume);
    };
    const stop = (problem: string) => {
      if (settled) return;
      if (current === undefined) {
        findings.push({ target: job.target, index: job.from, problem: `harness: ${problem}` });
        finish(job.to);
      } else {
        findings.push({ target: job.target, index: current, problem });
        finish(current + 1);
      }
    };

    const hang = () => stop(`no answer within ${Math.round(currentLimit)} ms on ${currentBytes} bytes (hang)`);

    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'start') {
        current = m.index;
        currentBytes = m.bytes;
        currentLimit = deadline(m.bytes);
        currentStarted = performance.now();
        clearTimeout(timer);
        timer = setTimeout(hang, currentLimit);
      } else if (m.kind === 'done') {
        clearTimeout(timer);
        // 'start' and 'done' can arrive in one batch, before the timer's turn comes: an answer
        // that arrives at or past the deadline is the same hang the timer would have reported.
        if (performance.now() - currentStarted >= currentLimit) return hang();
        summary.cases += 1;
        if (!summary.slowest || m.ms > summary.slowest.ms) summary.slowest = { index: m.index, ms: m.ms, bytes: currentBytes };
        if (m.problem !== undefined) findings.push({ target: job.target, index: m.index, problem: m.problem });
        current = undefined;
      } else {
        if (m.error) findings.push({ target: job.target, index: job.from, problem: `harness: ${m.error}` });
        finish(job.to);
      }
    });
    worker.on('error', (e) => stop(`the worker died: ${e.message}`));
    worker.on('exit', (code) => stop(`the worker exited with status ${code}`));
  });
}

export async function runCases(job: WorkerJob, deadline: (bytes: number) => number = caseDeadlineMs): Promise<RunSummary> {
  const findings: Finding[] = [];
  const summary: { cases: number; slowest: RunSummary['slowest'] } = { cases: 0, slowest: undefined };
  let from = job.from;
  while (from < job.to) from = await runWorker({ ...job, from }, deadline, findings, summary);
  return { findings, cases: summary.cases, slowest: summary.slowest };
}
