/**
 * Fields computed on first read. A cold analysis needs only what policies, conflicts and the
 * valid windows use; per-group presentation (sysfs lines, the DMA domain, iommufd ranges, …) is
 * built when a view, the report or a test first reads it, then kept as a plain data property.
 */

type Thunks<T> = { readonly [K in keyof T]-?: () => T[K] };

/**
 * Define each key of `thunks` on `target` as an enumerable getter that runs its thunk once and
 * replaces itself with the value; an optional field whose value is undefined is deleted, so after
 * its first read it is absent exactly as an eagerly built object would leave it. Spreading,
 * JSON.stringify and structuredClone read every field (and so compute it).
 */
export function defineLazy<T extends object>(target: T, thunks: Partial<Thunks<T>>): T {
  for (const key of Object.keys(thunks) as (keyof T & string)[]) {
    const thunk = thunks[key]!;
    Object.defineProperty(target, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = thunk();
        if (value === undefined) delete (target as Record<string, unknown>)[key];
        else Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
    });
  }
  return target;
}

/** A value computed on first call and cached. */
export function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}
