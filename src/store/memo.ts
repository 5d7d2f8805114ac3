/**
 * Single-entry memoisation by argument identity (Object.is): derived data is recomputed only when
 * one of its inputs is a different value, so every selector returns a stable object between store
 * updates that do not touch its inputs (atomic selectors then skip re-renders).
 */
export function memoLast<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | undefined;
  let lastResult: R;
  return (...args: A): R => {
    if (lastArgs && lastArgs.length === args.length && lastArgs.every((x, i) => Object.is(x, args[i]))) return lastResult;
    lastResult = fn(...args);
    lastArgs = args;
    return lastResult;
  };
}
