/**
 * Integer expressions in cell lists, as dtc evaluates them: C operators on unsigned 64-bit
 * values, inside parentheses. Literals: decimal, 0x hex, leading-0 octal (strtoull base 0),
 * optional U/L suffixes, and character literals.
 */
import type { Scanner } from './scanner.ts';

const MASK = (1n << 64n) - 1n;
/** Parenthesis and unary nesting bound for hostile inputs. */
const MAX_EXPR_DEPTH = 64;

const BINARY: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!='],
  ['<=', '>=', '<', '>'],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Reads an integer literal at the scanner (no sign); returns undefined if none is there. */
export function readLiteral(s: Scanner): bigint | undefined {
  const text = s.text;
  const start = s.pos;
  const c0 = s.peek();
  if (c0 === 39) return readCharLiteral(s);
  if (!isDigit(c0)) return undefined;
  let i = start;
  let value: bigint;
  if (c0 === 48 && (text.charCodeAt(i + 1) | 32) === 120) {
    i += 2;
    const digits = i;
    while (isHexDigit(text.charCodeAt(i))) i += 1;
    if (i === digits) s.fail(`expected hex digits after 0x, found ${s.found(i)}`, i);
    value = BigInt('0x' + text.slice(digits, i));
  } else {
    while (isDigit(text.charCodeAt(i))) i += 1;
    const lit = text.slice(start, i);
    if (lit.length > 1 && lit.startsWith('0')) {
      if (/[89]/.test(lit)) s.fail(`expected an octal number (a leading 0 means octal), found ${s.found(start)}`, start);
      value = BigInt('0o' + lit.slice(1));
    } else {
      value = BigInt(lit);
    }
  }
  while ((text.charCodeAt(i) | 32) === 117 || (text.charCodeAt(i) | 32) === 108) i += 1; // U, L suffixes
  if (value > MASK) s.fail(`expected a number below 2^64, found ${s.found(start)}`, start);
  s.pos = i;
  return value;
}

const ESCAPES: Readonly<Record<string, number>> = { n: 10, t: 9, r: 13, a: 7, b: 8, v: 11, f: 12, '\\': 92, "'": 39, '"': 34 };

/** One possibly escaped character inside a string or char literal; returns its code. */
export function readEscapedChar(s: Scanner): number {
  const text = s.text;
  const c = s.peek();
  if (c < 0) s.fail('expected a character, found the end of the file');
  if (c !== 92) {
    s.pos += 1;
    return c;
  }
  const e = text[s.pos + 1] ?? '';
  if (e in ESCAPES) {
    s.pos += 2;
    return ESCAPES[e]!;
  }
  const oct = /^[0-7]{1,3}/.exec(text.slice(s.pos + 1, s.pos + 4));
  if (oct) {
    s.pos += 1 + oct[0].length;
    return parseInt(oct[0], 8) & 0xff;
  }
  const hx = /^x([0-9a-fA-F]{1,2})/.exec(text.slice(s.pos + 1, s.pos + 4));
  if (hx) {
    s.pos += 1 + hx[0].length;
    return parseInt(hx[1]!, 16);
  }
  return s.fail(`expected an escape sequence (\\n, \\t, \\0, \\x41, …), found ${s.found(s.pos)}`);
}

function readCharLiteral(s: Scanner): bigint {
  const start = s.pos;
  s.pos += 1;
  const c = readEscapedChar(s);
  if (s.peek() !== 39) s.fail(`expected ' to close the character literal, found ${s.found()}`, s.pos);
  s.pos += 1;
  if (c > 0xff) s.fail('expected a one-byte character literal, found a wider character', start);
  return BigInt(c);
}

/** A parenthesised expression at the scanner (the '(' is current). */
export function readParenExpr(s: Scanner): bigint {
  return primary(s, 0);
}

function primary(s: Scanner, depth: number): bigint {
  if (depth > MAX_EXPR_DEPTH) s.fail(`expected an expression nested at most ${MAX_EXPR_DEPTH} deep, found deeper nesting`);
  s.skip();
  const c = s.peek();
  if (c === 40) {
    s.pos += 1;
    const v = ternary(s, depth + 1);
    s.skip();
    if (s.peek() !== 41) s.fail(`expected ')' in the expression, found ${s.found()}`);
    s.pos += 1;
    return v;
  }
  if (c === 45 || c === 126 || c === 33 || c === 43) {
    s.pos += 1;
    const v = primary(s, depth + 1);
    if (c === 45) return (-v) & MASK;
    if (c === 126) return ~v & MASK;
    if (c === 33) return v === 0n ? 1n : 0n;
    return v;
  }
  const lit = readLiteral(s);
  if (lit === undefined) s.fail(`expected a number or '(' in the expression, found ${s.found()}`);
  return lit;
}

function ternary(s: Scanner, depth: number): bigint {
  const cond = binary(s, 0, depth);
  s.skip();
  if (s.peek() !== 63) return cond;
  s.pos += 1;
  const a = ternary(s, depth + 1);
  s.skip();
  if (s.peek() !== 58) s.fail(`expected ':' of the ?: expression, found ${s.found()}`);
  s.pos += 1;
  const b = ternary(s, depth + 1);
  return cond !== 0n ? a : b;
}

function binary(s: Scanner, level: number, depth: number): bigint {
  if (level === BINARY.length) return primary(s, depth);
  let left = binary(s, level + 1, depth);
  for (;;) {
    s.skip();
    const op = BINARY[level]!.find((o) => s.startsWith(o) && !(o.length === 1 && isDoubled(s, o)));
    if (op === undefined) return left;
    const opPos = s.pos;
    s.pos += op.length;
    const right = binary(s, level + 1, depth);
    left = apply(s, op, left, right, opPos);
  }
}

/** '&' must not match '&&', '|' not '||', '<' not '<<' or '<=' (those belong to other levels). */
function isDoubled(s: Scanner, op: string): boolean {
  const next = s.text[s.pos + 1];
  return next === op || ((op === '<' || op === '>') && next === '=');
}

function apply(s: Scanner, op: string, a: bigint, b: bigint, opPos: number): bigint {
  switch (op) {
    case '||': return a !== 0n || b !== 0n ? 1n : 0n;
    case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
    case '|': return a | b;
    case '^': return a ^ b;
    case '&': return a & b;
    case '==': return a === b ? 1n : 0n;
    case '!=': return a !== b ? 1n : 0n;
    case '<=': return a <= b ? 1n : 0n;
    case '>=': return a >= b ? 1n : 0n;
    case '<': return a < b ? 1n : 0n;
    case '>': return a > b ? 1n : 0n;
    case '<<': return b > 63n ? 0n : (a << b) & MASK;
    case '>>': return b > 63n ? 0n : a >> b;
    case '+': return (a + b) & MASK;
    case '-': return (a - b) & MASK;
    case '*': return (a * b) & MASK;
    default:
      if (b === 0n) s.fail(`expected a non-zero divisor, found 0 after '${op}'`, opPos);
      return op === '/' ? a / b : a % b;
  }
}
