import { describe, expect, it } from 'vitest';
import { parseTrace, replayTrace, type Trace } from './trace.ts';
import { TraceOops } from './traceReplay.ts';

const doc = (ops: unknown[], name = 't') => JSON.stringify({ format: 'iova-trace/1', name, ops }, null, 1);

function run(ops: unknown[]): string {
  const r = parseTrace(doc(ops), 't.json');
  if (!r.ok) throw new Error(r.error.message);
  return replayTrace(r.value);
}

function error(text: string, source = 't.json') {
  const r = parseTrace(text, source);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('replayTrace', () => {
  it('reproduces engine-spec §5.1 (QEMU virt, SMMUv3)', () => {
    expect(
      run([
        { op: 'resv_add', start: '0x8000000', length: '0x100000', type: 'sw-msi' },
        { op: 'resv_show' },
        { op: 'vfio_aperture', start: '0x0', end: '0xffffffffffff' },
        { op: 'vfio_exclude' },
        { op: 'vfio_sw_msi' },
      ]),
    ).toBe('0x0000000008000000 0x00000000080fffff msi\nvfio_iova 0x0 0x7ffffff\nvfio_iova 0x8100000 0xffffffffffff\nsw_msi 0x8000000\n');
  });

  it('reproduces the engine-spec §5.3 Juno dma-ranges walk-through', () => {
    expect(
      run([
        { op: 'iova_init', granule: '0x1000', start_pfn: '0x1' },
        {
          op: 'dma_reserve_pci',
          windows: [
            { start: '0x50000000', end: '0x57ffffff' },
            { start: '0x4000000000', end: '0x40ffffffff' },
          ],
          dma_ranges: [
            { start: '0x80000000', end: '0xffffffff' },
            { start: '0x800000000', end: '0x9ffffffff' },
          ],
        },
        { op: 'iova_show' },
      ]),
    ).toBe('0x0 0x57fff\n0x58000 0x80000\n0x100000 0x800000\n0xa00000 0x40fffff\n0x4100000 0xfffffffffffff\n');
  });

  it('reserves the device list in add order, unmerged, and skips SW_MSI', () => {
    expect(
      run([
        { op: 'resv_add', start: '0x2000', length: '0x1000', type: 'reserved' },
        { op: 'resv_add', start: '0x1000', length: '0x1000', type: 'reserved' },
        { op: 'resv_add', start: '0x8000000', length: '0x100000', type: 'sw-msi' },
        { op: 'resv_show' },
        { op: 'iova_init', granule: '0x1000', start_pfn: '0x1' },
        { op: 'dma_reserve_resv' },
        { op: 'iova_show' },
      ]),
    ).toBe('0x0000000000001000 0x0000000000002fff reserved\n0x0000000008000000 0x00000000080fffff msi\n0x1 0x1\n0x2 0x2\n');
  });

  it('prints alloc/reserve/free failures and an empty VFIO list', () => {
    expect(
      run([
        { op: 'iova_init', granule: '0x1000', start_pfn: '0x1' },
        { op: 'iova_free', pfn: '0x5' },
        { op: 'iova_reserve', pfn_lo: '0x0', pfn_hi: '0x10000000000000' },
        { op: 'iova_alloc', size: '0x1', limit_pfn: '0x0', size_aligned: false },
        { op: 'vfio_exclude' },
        { op: 'vfio_sw_msi' },
      ]),
    ).toBe('free none\nreserve fail\nalloc fail\nvfio_exclude einval\nsw_msi none\n');
  });

  it('stops with TraceOops, keeping what was printed, where the kernel would crash', () => {
    // A zero-length reserved region makes an inverted iova node (pfn 0x100..0xff); see iova.test.ts.
    const ops = [
      { op: 'resv_add', start: '0x100000', length: '0x0', type: 'reserved' },
      { op: 'iova_init', granule: '0x1000', start_pfn: '0x1' },
      { op: 'dma_reserve_resv' },
      { op: 'iova_alloc', size: '0x1', limit_pfn: '0x100', size_aligned: true },
      { op: 'iova_alloc', size: '0x1', limit_pfn: '0x100', size_aligned: true },
      { op: 'iova_show' },
    ];
    const oops = (() => {
      try {
        run(ops);
      } catch (e) {
        return e;
      }
      throw new Error('expected an oops');
    })();
    expect(oops).toBeInstanceOf(TraceOops);
    expect(oops).toMatchObject({ opIndex: 4, printed: 'alloc 0x100 0x100\n' });
    expect((oops as TraceOops).message).toMatch(/^op 4 \(iova_alloc\): the kernel's own code fails here: alloc_iova: .*\(an oops\)/);
  });

  it('prints nothing for an empty trace', () => {
    const t: Trace = { format: 'iova-trace/1', name: 'x', ops: [] };
    expect(replayTrace(t)).toBe('');
  });
});

describe('parseTrace', () => {
  it('converts fields to exact bigints', () => {
    const r = parseTrace(doc([{ op: 'resv_add', start: '0xffffffffffffffff', length: '0x1', type: 'direct-relaxable' }]), 't.json');
    expect(r.ok && r.value.ops[0]).toEqual({ op: 'resv_add', start: 0xffffffffffffffffn, length: 1n, type: 'direct-relaxable' });
  });

  it('reports invalid JSON with line and column', () => {
    const e = error('{\n  "format": "iova-trace/1",\n  "ops": [,]\n}');
    expect(e).toMatchObject({ line: 3, column: 11 });
    expect(e.message).toMatch(/invalid JSON/);
  });

  it('names the first bad op by index and points at the value', () => {
    const text = doc([{ op: 'iova_init', granule: '0x1000', start_pfn: '0x1' }, { op: 'iova_alloc', size: 16, limit_pfn: '0xfffff', size_aligned: true }]);
    const e = error(text);
    expect(e.message).toBe('op 1 (iova_alloc): "size" must be a "0x…" hex string, found number 16');
    const line = text.split('\n')[e.line! - 1]!;
    expect(line.slice(e.column! - 1)).toMatch(/^16/);
  });

  it.each([
    [[{ op: 'iova_alloc', size: '0x1', limit_pfn: '0x1', size_aligned: true }], 'op 0 (iova_alloc): iova_alloc before iova_init'],
    [[{ op: 'nope' }], 'op 0: "op" must be one of'],
    [[{ op: 'resv_show', extra: 1 }], 'op 0 (resv_show): unknown property "extra"'],
    [[{ op: 'resv_add', start: '0x0', type: 'msi' }], 'op 0 (resv_add): missing "length"'],
    [[{ op: 'resv_add', start: '0x0', length: '0x1', type: 'MSI' }], 'op 0 (resv_add): "type" must be one of'],
    [[{ op: 'resv_add', start: '0x10000000000000000', length: '0x1', type: 'msi' }], 'does not fit in 64 bits'],
    [[{ op: 'resv_add', start: '0xg', length: '0x1', type: 'msi' }], 'must be a "0x…" hex string'],
    [[{ op: 'iova_init', granule: '0x3000', start_pfn: '0x1' }], 'must be a power of two from 0x1 to 0x10000'],
    [[{ op: 'iova_init', granule: '0x20000', start_pfn: '0x1' }], 'must be a power of two'],
    [[{ op: 'iova_init', granule: '0x1000', start_pfn: '0x1' }, { op: 'iova_init', granule: '0x1000', start_pfn: '0x1' }], 'op 1 (iova_init): a second iova_init'],
    [[{ op: 'iova_init', granule: '0x1000', start_pfn: '0x1' }, { op: 'iova_alloc', size: '0x0', limit_pfn: '0x1', size_aligned: true }], 'op 1 (iova_alloc): "size" must be at least 0x1'],
    [[{ op: 'iova_init', granule: '0x1000', start_pfn: '0x1' }, { op: 'iova_alloc', size: '0x1', limit_pfn: '0x1', size_aligned: 'yes' }], '"size_aligned" must be true or false'],
    [[{ op: 'iova_init', granule: '0x1000', start_pfn: '0x1' }, { op: 'iova_reserve', pfn_lo: '0x2', pfn_hi: '0x1' }], '"pfn_lo" 0x2 is above "pfn_hi" 0x1'],
    [[{ op: 'vfio_aperture', start: '0x2', end: '0x1' }], '"start" 0x2 is above "end" 0x1'],
    [[{ op: 'iova_init', granule: '0x1000', start_pfn: '0x1' }, { op: 'dma_reserve_pci', windows: [{ start: '0x1' }], dma_ranges: [] }], '"windows"[0] is missing "end"'],
    [[{ op: 'iova_init', granule: '0x1000', start_pfn: '0x1' }, { op: 'dma_reserve_pci', windows: [], dma_ranges: {} }], '"dma_ranges" must be an array'],
    [['resv_show'], 'op 0: must be an object'],
  ])('rejects %j', (ops, message) => {
    expect(error(doc(ops)).message).toContain(message);
  });

  it('checks the top level', () => {
    expect(error('[]').message).toMatch(/must be a JSON object/);
    expect(error('{"format":"iova-trace/2","name":"t","ops":[]}').message).toMatch(/"format" must be "iova-trace\/1"/);
    expect(error('{"format":"iova-trace/1","name":1,"ops":[]}').message).toMatch(/"name" must be a string/);
    expect(error('{"format":"iova-trace/1","name":"t","ops":{}}').message).toMatch(/"ops" must be an array/);
    expect(error('{"format":"iova-trace/1","name":"t","ops":[],"x":1}').message).toMatch(/unknown top-level property "x"/);
  });

  it('warns when the name does not match the file name', () => {
    const r = parseTrace(doc([], 'other'), 'dir/t.json');
    expect(r.ok && r.warnings.map((w) => w.message)).toEqual(['"name" is "other" but the file is t.json']);
  });
});
