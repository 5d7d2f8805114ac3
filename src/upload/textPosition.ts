/**
 * Where a parser's line and column (1-based, as every located error gives them) fall in the text
 * that was read: the paste dialog puts the caret there when the text it sent fails to read.
 */
export function offsetOfLineColumn(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l += 1) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return text.length; // past the last line: the end of the text
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(start + Math.max(0, column - 1), lineEnd);
}
