/**
 * iova-trace/1 (shared/conformance/README.md): a JSON list of operations on one device's reserved
 * regions, one iova_domain and one VFIO iova list. parseTrace checks every field and reports the
 * first bad op by index, with the line and column of the offending value; replayTrace (in
 * traceReplay.ts) prints what the kernel functions print.
 */
import { fail, ok, type LocatedError, type Result } from '../model/located.ts';
import { lineColumn, offsetOf, readJson, type JsonDocument, type JsonPath } from '../model/jsonText.ts';
import type { ResvTypeName } from '../model/scenario.ts';
import type { BusRange } from './dmaIommu.ts';
import { RESV_TYPES } from './resvRegions.ts';
import { U64_MAX, log2Exact } from './u64.ts';

export { replayTrace } from './traceReplay.ts';

export const TRACE_FORMAT = 'iova-trace/1';

export type TraceOp =
  | { readonly op: 'resv_add'; readonly start: bigint; readonly length: bigint; readonly type: ResvTypeName }
  | { readonly op: 'resv_show' }
  | { readonly op: 'iova_init'; readonly granule: bigint; readonly startPfn: bigint }
  | { readonly op: 'iova_alloc'; readonly size: bigint; readonly limitPfn: bigint; readonly sizeAligned: boolean }
  | { readonly op: 'iova_reserve'; readonly pfnLo: bigint; readonly pfnHi: bigint }
  | { readonly op: 'iova_free'; readonly pfn: bigint }
  | { readonly op: 'iova_show' }
  | { readonly op: 'dma_reserve_resv' }
  | { readonly op: 'dma_reserve_pci'; readonly windows: readonly BusRange[]; readonly dmaRanges: readonly BusRange[] }
  | { readonly op: 'vfio_aperture'; readonly start: bigint; readonly end: bigint }
  | { readonly op: 'vfio_exclude' }
  | { readonly op: 'vfio_sw_msi' };

export type TraceOpName = TraceOp['op'];

export interface Trace {
  readonly format: typeof TRACE_FORMAT;
  readonly name: string;
  readonly ops: readonly TraceOp[];
}

/** How each field is checked and converted. */
type FieldKind = 'u64' | 'size' | 'granule' | 'bool' | 'resvType' | 'ranges';

/** Fields of every op, in the README's order; the value is the JSON name → field kind. */
const OP_FIELDS: Readonly<Record<TraceOpName, Readonly<Record<string, FieldKind>>>> = {
  resv_add: { start: 'u64', length: 'u64', type: 'resvType' },
  resv_show: {},
  iova_init: { granule: 'granule', start_pfn: 'u64' },
  iova_alloc: { size: 'size', limit_pfn: 'u64', size_aligned: 'bool' },
  iova_reserve: { pfn_lo: 'u64', pfn_hi: 'u64' },
  iova_free: { pfn: 'u64' },
  iova_show: {},
  dma_reserve_resv: {},
  dma_reserve_pci: { windows: 'ranges', dma_ranges: 'ranges' },
  vfio_aperture: { start: 'u64', end: 'u64' },
  vfio_exclude: {},
  vfio_sw_msi: {},
};

const OP_NAMES = Object.keys(OP_FIELDS) as TraceOpName[];
const HEX_RE = /^0x[0-9a-fA-F]+$/;
/** Ops that need the iova_domain created by iova_init. */
const NEEDS_DOMAIN = new Set<TraceOpName>(['iova_alloc', 'iova_reserve', 'iova_free', 'iova_show', 'dma_reserve_resv', 'dma_reserve_pci']);

class Invalid {
  constructor(
    readonly path: JsonPath,
    readonly message: string,
  ) {}
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function u64At(v: unknown, path: JsonPath, what: string): bigint {
  if (typeof v !== 'string' || !HEX_RE.test(v)) throw new Invalid(path, `${what} must be a "0x…" hex string, found ${describe(v)}`);
  const n = BigInt(v);
  if (n > U64_MAX) throw new Invalid(path, `${what} ${v} does not fit in 64 bits`);
  return n;
}

function rangesAt(v: unknown, path: JsonPath, what: string): BusRange[] {
  if (!Array.isArray(v)) throw new Invalid(path, `${what} must be an array of {"start", "end"}, found ${describe(v)}`);
  return v.map((item, i) => {
    const p = [...path, i];
    if (!isObject(item)) throw new Invalid(p, `${what}[${i}] must be an object {"start", "end"}, found ${describe(item)}`);
    for (const k of Object.keys(item)) if (k !== 'start' && k !== 'end') throw new Invalid([...p, k], `${what}[${i}] has unknown property "${k}"`);
    if (!('start' in item)) throw new Invalid(p, `${what}[${i}] is missing "start"`);
    if (!('end' in item)) throw new Invalid(p, `${what}[${i}] is missing "end"`);
    const start = u64At(item.start, [...p, 'start'], `${what}[${i}].start`);
    const end = u64At(item.end, [...p, 'end'], `${what}[${i}].end`);
    if (start > end) throw new Invalid(p, `${what}[${i}] has start ${item.start as string} above end ${item.end as string}`);
    return { start, end };
  });
}

function fieldAt(kind: FieldKind, v: unknown, path: JsonPath, name: string): bigint | boolean | ResvTypeName | BusRange[] {
  const what = `"${name}"`;
  switch (kind) {
    case 'u64':
      return u64At(v, path, what);
    case 'size': {
      const n = u64At(v, path, what);
      // fls_long(size - 1) of size 0 is a shift by 64: undefined behaviour in C.
      if (n === 0n) throw new Invalid(path, `${what} must be at least 0x1`);
      return n;
    }
    case 'granule': {
      const n = u64At(v, path, what);
      if (log2Exact(n) === undefined || n > 0x10000n) throw new Invalid(path, `${what} must be a power of two from 0x1 to 0x10000, found ${v as string}`);
      return n;
    }
    case 'bool':
      if (typeof v !== 'boolean') throw new Invalid(path, `${what} must be true or false, found ${describe(v)}`);
      return v;
    case 'resvType':
      if (typeof v !== 'string' || !(RESV_TYPES as readonly string[]).includes(v)) {
        throw new Invalid(path, `${what} must be one of ${RESV_TYPES.map((t) => `"${t}"`).join(', ')}, found ${describe(v)}`);
      }
      return v as ResvTypeName;
    case 'ranges':
      return rangesAt(v, path, what);
  }
}

/** Check one op object and build the typed op. */
function opAt(raw: unknown, path: JsonPath): TraceOp {
  if (!isObject(raw)) throw new Invalid(path, `must be an object with an "op" property, found ${describe(raw)}`);
  const name = raw.op;
  if (typeof name !== 'string' || !(OP_NAMES as string[]).includes(name)) {
    throw new Invalid([...path, 'op'], `"op" must be one of ${OP_NAMES.join(', ')}, found ${describe(name)}`);
  }
  const fields = OP_FIELDS[name as TraceOpName];
  for (const key of Object.keys(raw)) {
    if (key !== 'op' && !(key in fields)) throw new Invalid([...path, key], `unknown property "${key}" for ${name}`);
  }
  const v: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(fields)) {
    if (!(key in raw)) throw new Invalid(path, `missing "${key}"`);
    v[key] = fieldAt(kind, raw[key], [...path, key], key);
  }
  switch (name as TraceOpName) {
    case 'resv_add':
      return { op: 'resv_add', start: v.start as bigint, length: v.length as bigint, type: v.type as ResvTypeName };
    case 'iova_init':
      return { op: 'iova_init', granule: v.granule as bigint, startPfn: v.start_pfn as bigint };
    case 'iova_alloc':
      return { op: 'iova_alloc', size: v.size as bigint, limitPfn: v.limit_pfn as bigint, sizeAligned: v.size_aligned as boolean };
    case 'iova_reserve':
      if ((v.pfn_lo as bigint) > (v.pfn_hi as bigint)) throw new Invalid(path, `"pfn_lo" ${raw.pfn_lo as string} is above "pfn_hi" ${raw.pfn_hi as string}`);
      return { op: 'iova_reserve', pfnLo: v.pfn_lo as bigint, pfnHi: v.pfn_hi as bigint };
    case 'iova_free':
      return { op: 'iova_free', pfn: v.pfn as bigint };
    case 'dma_reserve_pci':
      return { op: 'dma_reserve_pci', windows: v.windows as BusRange[], dmaRanges: v.dma_ranges as BusRange[] };
    case 'vfio_aperture':
      if ((v.start as bigint) > (v.end as bigint)) throw new Invalid(path, `"start" ${raw.start as string} is above "end" ${raw.end as string}`);
      return { op: 'vfio_aperture', start: v.start as bigint, end: v.end as bigint };
    default:
      return { op: name } as TraceOp;
  }
}

function traceAt(doc: JsonDocument, source: string): { trace: Trace; warnings: LocatedError[] } {
  const root = doc.value;
  if (!isObject(root)) throw new Invalid([], `an iova-trace/1 file must be a JSON object, found ${describe(root)}`);
  for (const key of Object.keys(root)) {
    if (key !== 'format' && key !== 'name' && key !== 'ops') throw new Invalid([key], `unknown top-level property "${key}"`);
  }
  if (root.format !== TRACE_FORMAT) throw new Invalid(['format'], `"format" must be "${TRACE_FORMAT}", found ${describe(root.format)}`);
  if (typeof root.name !== 'string') throw new Invalid(['name'], `"name" must be a string, found ${describe(root.name)}`);
  if (!Array.isArray(root.ops)) throw new Invalid(['ops'], `"ops" must be an array, found ${describe(root.ops)}`);
  const ops: TraceOp[] = [];
  let haveDomain = false;
  for (let i = 0; i < root.ops.length; i++) {
    const path = ['ops', i];
    try {
      const op = opAt(root.ops[i], path);
      if (op.op === 'iova_init' && haveDomain) throw new Invalid(path, 'a second iova_init (a trace has exactly one iova_domain)');
      if (NEEDS_DOMAIN.has(op.op) && !haveDomain) throw new Invalid(path, `${op.op} before iova_init`);
      if (op.op === 'iova_init') haveDomain = true;
      ops.push(op);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      const raw = root.ops[i];
      const label = isObject(raw) && typeof raw.op === 'string' && (OP_NAMES as string[]).includes(raw.op) ? ` (${raw.op})` : '';
      throw new Invalid(e.path, `op ${i}${label}: ${e.message}`);
    }
  }
  const warnings: LocatedError[] = [];
  const base = source.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
  if (root.name !== base && source.toLowerCase().endsWith('.json')) {
    warnings.push({ source, ...lineColumn(doc.text, offsetOf(doc, ['name'])), message: `"name" is "${root.name}" but the file is ${base}.json` });
  }
  return { trace: { format: TRACE_FORMAT, name: root.name, ops }, warnings };
}

/**
 * Parse and validate an iova-trace/1 file. Errors name the first bad op ("op 3: …") and point at
 * the offending value's line and column. Never throws.
 */
export function parseTrace(text: string, source: string): Result<Trace> {
  const read = readJson(text, source);
  if (!read.ok) return fail(read.error);
  try {
    const { trace, warnings } = traceAt(read.doc, source);
    return ok(trace, warnings);
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    return fail({ source, ...lineColumn(text, offsetOf(read.doc, e.path)), message: e.message });
  }
}
