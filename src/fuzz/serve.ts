/**
 * The worker's side of pool.ts: make and run cases [from, to) of one target, announcing each
 * before it starts so the parent can time it out. Generated cases are rebuilt here from
 * (target, seed, index) rather than sent, so a long run moves no input bytes between threads.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { CaseMaker, type FuzzCase } from './cases.ts';
import { runCase } from './runCase.ts';
import { targetById } from './targets.ts';
import type { WorkerJob, WorkerMessage } from './protocol.ts';

const job = workerData as WorkerJob;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const target = targetById(job.target);
if (!target) {
  post({ kind: 'end', error: `unknown fuzz target ${job.target}` });
} else {
  const make: (i: number) => FuzzCase =
    'files' in job
      ? (i) => ({ index: i, source: job.files[i]!, bytes: new Uint8Array(readFileSync(job.files[i]!)), note: `saved input ${job.files[i]}` })
      : ((maker) => (i: number) => maker.make(i))(new CaseMaker(target, job.seed));
  for (let i = job.from; i < job.to; i++) {
    const c = make(i);
    post({ kind: 'start', index: i, bytes: c.bytes.length });
    const out = await runCase(target, c);
    post({ kind: 'done', index: i, ms: out.ms, ...(out.problem === undefined ? {} : { problem: out.problem }) });
  }
  post({ kind: 'end' });
}
