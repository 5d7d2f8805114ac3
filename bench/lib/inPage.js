// Benchmark hooks injected into the page with addInitScript({ path }) before any app script runs.
// Plain JavaScript on purpose: functions compiled by tsx would carry helpers the page lacks.
// Nothing here is part of the shipped app.
/* global window, document, performance, requestAnimationFrame, MutationObserver, PerformanceObserver */
(() => {
  const bench = { firstMap: undefined, raf: [], longTasks: [], stop: false };
  window.__bench = bench;

  /** Note the first frame in which an element matching `selector` (a map mark) exists. */
  bench.watchFirstMap = (selector) => {
    const check = (obs) => {
      if (!document.querySelector(selector)) return;
      obs.disconnect();
      requestAnimationFrame(() => {
        if (bench.firstMap === undefined) bench.firstMap = performance.now();
      });
    };
    new MutationObserver((_, obs) => check(obs)).observe(document, { childList: true, subtree: true });
  };

  /** Record every requestAnimationFrame timestamp and every long task until stop(). */
  bench.recordFrames = () => {
    new PerformanceObserver((list) => list.getEntries().forEach((e) => bench.longTasks.push(e.duration))).observe({ type: 'longtask' });
    const loop = (t) => {
      bench.raf.push(t);
      if (!bench.stop) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  };
})();
