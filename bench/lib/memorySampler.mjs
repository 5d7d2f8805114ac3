// Worker that samples the process's resident set size every millisecond while the main thread is
// busy in a synchronous parse, and answers with the highest value seen.
import { setTimeout } from 'node:timers';
import { parentPort } from 'node:worker_threads';

let peak = 0;
let running = true;
parentPort.on('message', (m) => {
  if (m === 'stop') {
    running = false;
    parentPort.postMessage(peak);
  }
});
const tick = () => {
  peak = Math.max(peak, process.memoryUsage.rss());
  if (running) setTimeout(tick, 1);
};
tick();
parentPort.postMessage('ready');
