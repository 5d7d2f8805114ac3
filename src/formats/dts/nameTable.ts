/**
 * The names of a device tree source, one string per distinct name, found without cutting a new
 * string out of the text: "reg" or "interrupts" appear on every node of a big source, and
 * slicing each occurrence (then hashing it in a Map) was the reader's largest single cost. A name
 * is hashed while it is scanned and compared in place against the table's strings. The table is
 * bounded for hostile inputs (every name different); past the bound a name is sliced as before.
 */

/** Characters of node and property names ([A-Za-z0-9,._+*#?@-]), as a lookup table. */
const NAME_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789,._+*#?@-') NAME_CHAR[c.charCodeAt(0)] = 1;

/** Distinct names kept; the open-addressing table has twice as many slots, so probes stay short. */
const MAX_NAMES = 4096;
const SLOTS = 2 * MAX_NAMES;

export class NameTable {
  private readonly slots: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
  private count = 0;
  /** Where the last scan ended and its hash (see scan). */
  end = 0;
  private hash = 0;

  constructor(private readonly text: string) {}

  /** Scans the name at `start`; sets `end` (== start when there is none). */
  scan(start: number): void {
    const text = this.text;
    let h = 0x811c9dc5;
    let i = start;
    for (let c = text.charCodeAt(i); c < 128 && NAME_CHAR[c] === 1; c = text.charCodeAt(++i)) h = Math.imul(h ^ c, 0x01000193);
    this.end = i;
    this.hash = h >>> 0;
  }

  /** The scanned name text[start, end) as the table's string (added on first sight while there is room). */
  intern(start: number): string {
    const { text, end, slots } = this;
    const length = end - start;
    for (let k = this.hash & (SLOTS - 1); ; k = (k + 1) & (SLOTS - 1)) {
      const known = slots[k];
      if (known === undefined) {
        const name = text.slice(start, end);
        if (this.count < MAX_NAMES) {
          slots[k] = name;
          this.count += 1;
        }
        return name;
      }
      if (known.length === length && text.startsWith(known, start)) return known;
    }
  }
}
