/**
 * A small JSON reader that remembers where every value starts, so that a schema error found
 * later ("devices[2].iommu: unknown IOMMU") can point at the line and column of the offending
 * value. JSON.parse cannot do that, and its syntax-error messages differ between engines.
 *
 * Strict RFC 8259: no comments, no trailing commas; duplicate keys are an error (JSON.parse would
 * silently keep the last one, which hides typos in hand-written scenarios). Never throws; nesting
 * is capped so a hostile file cannot exhaust the stack.
 */
import { excerpt } from './excerpt.ts';
import type { LocatedError } from './located.ts';

/** Path of a value inside the document: object keys and array indices from the root. */
export type JsonPath = readonly (string | number)[];

export interface JsonDocument {
  readonly value: unknown;
  /** Offset (UTF-16 index) of the first character of the value at a path; see pathKey. */
  readonly offsets: ReadonlyMap<string, number>;
  readonly text: string;
}

export type JsonReadResult = { ok: true; doc: JsonDocument } | { ok: false; error: LocatedError };

const MAX_DEPTH = 256;

/** Map key of a path: unambiguous because keys are JSON-encoded. */
export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

/** 1-based line and column of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class SyntaxFailure {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** Human name of what sits at an offset, for "expected X, found Y". */
function describeAt(text: string, i: number): string {
  if (i >= text.length) return 'end of input';
  const ch = text[i]!;
  return /[\x21-\x7e]/.test(ch) ? `'${ch}'` : `character U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

class Reader {
  i = 0;
  readonly offsets = new Map<string, number>();
  constructor(readonly text: string) {}

  fail(message: string, at = this.i): never {
    throw new SyntaxFailure(at, message);
  }

  skipSpace(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i += 1;
      else break;
    }
  }

  value(path: (string | number)[], depth: number): unknown {
    this.skipSpace();
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    this.offsets.set(pathKey(path), this.i);
    const ch = this.text[this.i];
    if (ch === '{') return this.object(path, depth);
    if (ch === '[') return this.array(path, depth);
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail(`expected a JSON value, found ${describeAt(this.text, this.i)}`);
  }

  object(path: (string | number)[], depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.i += 1;
    this.skipSpace();
    if (this.text[this.i] === '}') {
      this.i += 1;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] !== '"') this.fail(`expected a property name in double quotes, found ${describeAt(this.text, this.i)}`);
      const keyAt = this.i;
      const key = this.string();
      if (seen.has(key)) this.fail(`duplicate property "${key}"`, keyAt);
      seen.add(key);
      this.skipSpace();
      if (this.text[this.i] !== ':') this.fail(`expected ':' after property name, found ${describeAt(this.text, this.i)}`);
      this.i += 1;
      // defineProperty: a key named "__proto__" must become data, not the object's prototype.
      Object.defineProperty(out, key, { value: this.value([...path, key], depth + 1), enumerable: true, writable: true, configurable: true });
      this.skipSpace();
      const sep = this.text[this.i];
      this.i += 1;
      if (sep === '}') return out;
      if (sep !== ',') this.fail(`expected ',' or '}' in object, found ${describeAt(this.text, this.i - 1)}`, this.i - 1);
    }
  }

  array(path: (string | number)[], depth: number): unknown[] {
    const out: unknown[] = [];
    this.i += 1;
    this.skipSpace();
    if (this.text[this.i] === ']') {
      this.i += 1;
      return out;
    }
    for (;;) {
      out.push(this.value([...path, out.length], depth + 1));
      this.skipSpace();
      const sep = this.text[this.i];
      this.i += 1;
      if (sep === ']') return out;
      if (sep !== ',') this.fail(`expected ',' or ']' in array, found ${describeAt(this.text, this.i - 1)}`, this.i - 1);
    }
  }

  string(): string {
    const t = this.text;
    const start = this.i;
    this.i += 1;
    let out = '';
    for (;;) {
      if (this.i >= t.length) this.fail('unterminated string', start);
      const c = t.charCodeAt(this.i);
      if (c === 34) {
        this.i += 1;
        return out;
      }
      if (c < 0x20) this.fail('control character inside a string (escape it)');
      if (c !== 92) {
        out += t[this.i];
        this.i += 1;
        continue;
      }
      const esc = t[this.i + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (esc !== undefined && esc in simple) {
        out += simple[esc];
        this.i += 2;
      } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(this.i + 2, this.i + 6))) {
        out += String.fromCharCode(parseInt(t.slice(this.i + 2, this.i + 6), 16));
        this.i += 6;
      } else {
        this.fail(`invalid escape sequence in string`);
      }
    }
  }

  number(): number {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const found = m.exec(this.text);
    if (!found) this.fail(`invalid number`);
    this.i += found[0].length;
    return Number(found[0]);
  }
}

/** Parse JSON text, recording the offset of every value. Syntax errors carry line and column. */
export function readJson(text: string, source: string): JsonReadResult {
  const r = new Reader(text);
  try {
    const value = r.value([], 0);
    r.skipSpace();
    if (r.i < text.length) r.fail(`unexpected ${describeAt(text, r.i)} after the end of the JSON value`);
    return { ok: true, doc: { value, offsets: r.offsets, text } };
  } catch (e) {
    if (!(e instanceof SyntaxFailure)) throw e;
    return { ok: false, error: { source, ...lineColumn(text, e.offset), message: `invalid JSON: ${e.message}` } };
  }
}

/** Offset of the value at `path`, or of its nearest recorded ancestor (a missing key → its object). */
export function offsetOf(doc: JsonDocument, path: JsonPath): number {
  for (let n = path.length; n >= 0; n--) {
    const at = doc.offsets.get(pathKey(path.slice(0, n)));
    if (at !== undefined) return at;
  }
  return 0;
}

/** "devices[2].iommu". Keys are the file's own text: a 60 KB typo must not become a 60 KB message. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const p of path) {
    const key = typeof p === 'number' ? p : excerpt(p);
    out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  }
  return out === '' ? '(top level)' : out;
}
