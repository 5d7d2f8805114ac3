/**
 * The parse worker: parses the transferred files off the main thread, so the page stays
 * responsive on 50 MB inputs, and posts progress and the result back (see protocol.ts).
 */
import type { ParseRequest, WorkerReply } from './protocol.ts';
import { runParseJob } from './parseJob.ts';

/** The worker global, typed by what is used (the project's lib is DOM, not WebWorker). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
  postMessage(reply: WorkerReply): void;
};

scope.onmessage = (event) => {
  runParseJob(event.data.files, (reply) => scope.postMessage(reply));
};
