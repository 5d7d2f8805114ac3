/**
 * Pieces of input inside messages. Every located error quotes what it found, and input is
 * whatever a stranger uploaded: a 10,000-character name must not become a 10,000-character
 * message, so messages show an excerpt.
 */

/** Longest piece of input a message shows; longer input is cut and marked with "...". */
export const MAX_EXCERPT = 48;

/**
 * A piece of input short enough for a message: control characters escaped, text past
 * MAX_EXCERPT cut. `keep: 'end'` keeps the tail instead (a node path's last names say most).
 * Plain ASCII marker so the message reads the same in a terminal, a mail and the app.
 */
export function excerpt(text: string, keep: 'start' | 'end' = 'start'): string {
  const cut = text.length <= MAX_EXCERPT ? text : keep === 'start' ? text.slice(0, MAX_EXCERPT) + '...' : '...' + text.slice(-MAX_EXCERPT);
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A JSON value as a message shows what was found: strings quoted and cut, containers by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `"${excerpt(value)}"`;
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value === null || typeof value !== 'object') return String(value);
  return 'an object';
}
