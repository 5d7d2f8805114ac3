/**
 * Every input path the app and the CLI accept from strangers, as a fuzz target: the parser or
 * loader to call, the real inputs to mutate, and tokens of its format that get mutations past
 * the first line. Each parser is driven directly and, through `parse-input` and `load-inputs`,
 * the way the app reaches it (content detection, several files combined).
 */
import { decodeText } from '../formats/common/text.ts';
import { parseDtb } from '../formats/dtb/parseDtb.ts';
import { parseDts } from '../formats/dts/parseDts.ts';
import { parseProcIomem } from '../formats/iomem/procIomem.ts';
import { loadInputs, parseInput } from '../formats/load.ts';
import { parseQemuMtree } from '../formats/mtree/parseMtree.ts';
import { parseReservedRegions } from '../formats/sysfs/reservedRegions.ts';
import { scenarioFromJson } from '../model/codec.ts';
import { decodeLink, linkFromJson, linkToJson } from '../share/linkCodec.ts';
import type { LinkState } from '../share/linkState.ts';
import { LINK_VERSION } from '../share/linkState.ts';
import { scenarioProblem } from './check.ts';
import { linkPayloads, packLink, plainLink } from './linkSeeds.ts';
import { fixtureSeeds, platformSeeds, sysfsSeeds, type Seed } from './seeds.ts';

export interface FuzzTarget {
  readonly id: string;
  /** What is called, for messages. */
  readonly calls: string;
  readonly seeds: () => readonly Seed[];
  readonly dictionary: readonly string[];
  /** Must return (or resolve to) a Result; any throw or rejection is a finding. */
  readonly run: (bytes: Uint8Array, source: string) => unknown;
  /** The source name errors must carry, when the loader names it itself (links: "link"). */
  readonly errorSource?: string;
  /** What an accepted value must satisfy, beyond the Result shape (default: a scenario the codec reads back). */
  readonly checkValue?: (value: unknown) => string | undefined;
}

const text = (parse: (text: string, source: string) => unknown) => (bytes: Uint8Array, source: string) => parse(decodeText(bytes), source);

const DT_WORDS = ['reg', 'ranges', 'dma-ranges', '#address-cells', '#size-cells', 'compatible', 'phandle', 'linux,phandle', 'iommu-map', 'iommus', 'msi-map', 'msi-parent', 'memory-region', 'iommu-addresses', 'device_type', 'status', 'interrupt-parent', 'reserved-memory', 'memory', 'pci', 'arm,smmu-v3', 'arm,gic-v3-its', 'arm,gic-v2m-frame', 'pci-host-ecam-generic', 'virtio,pci-iommu'];
/** FDT structure tokens (BEGIN_NODE, END_NODE, PROP, NOP, END) as big-endian words. */
const FDT_TOKENS = ['\0\0\0\x01', '\0\0\0\x02', '\0\0\0\x03', '\0\0\0\x04', '\0\0\0\x09', '\0\0\0\0'];
const DTS_TOKENS = [
  ...DT_WORDS,
  '/dts-v1/;', '/memreserve/ 0x8000000 0x100000;', '/delete-node/ ', '/delete-property/ ', '/bits/ 64 ', '/bits/ 8 ', '/include/ "x.dtsi"', '/plugin/;',
  '#include "x.h"\n', '# 1 "board.dts"\n', '/ {', '};', '{', '}', ';', ' = ', '<', '>', '[00 ff]', '"s\\n"', "'a'", '&label', 'label: ', '&{/soc}', '<&label>',
  'node@0 {', '#address-cells = <2>;', '#size-cells = <0>;', 'reg = <0x0 0x8000000 0x0 0x100000>;', 'ranges;', 'dma-ranges = <>;',
  'iommu-map = <0 &smmu 0 0x10000>;', 'iommu-addresses = <&pcie 0x0 0x8000000 0x0 0x100000>;', 'memory-region = <&r>;',
  '(1 << 63)', '(0 - 1)', '(1 / 0)', '(5 % 0)', '(~0)', '(1 ? 2 : 3)', '/*', '*/', '//', '\\',
];
const IOMEM_TOKENS = ['00000000-00000fff : Reserved\n', '  ', ' : ', '-', 'System RAM', 'Kernel code', 'PCI Bus 0000:00', 'PCI ECAM', 'Local APIC', 'ffffffffffffffff', '\n  ', '\n    '];
const SYSFS_TOKENS = ['0x0000000008000000 0x00000000080fffff ', 'msi', 'sw-msi', 'reserved', 'direct', 'direct-relaxable', '/sys/kernel/iommu_groups/1/reserved_regions:', '==> /sys/kernel/iommu_groups/4/reserved_regions <==', '==> x <==', '0x', ' ', '\n'];
const MTREE_TOKENS = ['address-space: memory\n', 'address-space: cpu-memory-0\n', 'memory-region: system\n', 'FlatView #0\n', ' AS "memory", root: system\n', ' Root memory region: system\n', '  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n', '    0000000008000000-000000000800ffff (prio 0, i/o): gic_dist\n', '(prio -1, ram): ', '(prio 0, romd): ', 'alias ', ' @0000000000000000-', 'smmuv3-iommu-memory-region', 'virtio-iommu-memory-region', 'gpex_ioport_window', 'pcie-mmio-high', 'mach-virt.ram', ' [disabled]', 'KiB', ' size 0x1000', '\n    '];
const JSON_TOKENS = ['{', '}', '[', ']', ',', ':', 'null', 'true', '1e999', '-0', '"schema"', '"iova-atlas/scenario@1"', '"0x8000000"', '"0xffffffffffffffff"', '"0x10000000000000000"', '"0x"', '"\\u0000"', '"\\ud800"', '"__proto__"', '"constructor"', '"id"', '"start"', '"last"', '"size"', '"appliesTo"'];
const LINK_TOKENS = ['v0.', 'v1.', 'v2.', 'v9999.', '"kind"', '"builtin"', '"upload"', '"scenario"', '"candidates"', '"active"', '"view"', '"selection"', '"behaviour"', '"guestRam"', '"policy"', '"mainline"', '"platform"', '"window"', '"ramMiB"', '"switches"', '"0x100000"', '"0xffffffffffffffff"', '"0x0"', '17592186044415', 'null', 'true', '{', '}', '[', ']', ',', '"'];

const allTextSeeds = () => [
  ...fixtureSeeds(/\.(dts|dtb|txt)$/),
  ...sysfsSeeds(),
  ...platformSeeds().slice(0, 2),
];

/** A LinkState the schema accepted must travel again: written back and read, it is accepted. */
function linkProblem(value: unknown): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(JSON.stringify(linkToJson(value as LinkState)));
  } catch (e) {
    return `the accepted link state cannot be written back: ${String(e)}`;
  }
  const back = linkFromJson(LINK_VERSION, json);
  if (!back.ok) return `the accepted link state fails its own schema when written back: ${back.error.message}`;
  const scenario = (value as LinkState).scenario;
  return scenario.kind === 'upload' && scenario.scenario ? scenarioProblem(scenario.scenario) : undefined;
}

const link = { errorSource: 'link', checkValue: linkProblem } as const;
const plainSeeds = () => linkPayloads().map(([v, json], i) => ({ name: `link-${i}-v${v}`, bytes: plainLink(v, json) }));
const encoder = new TextEncoder();

export const TARGETS: readonly FuzzTarget[] = [
  { id: 'dtb', calls: 'parseDtb (src/formats/dtb)', seeds: () => fixtureSeeds(/\.dtb$/), dictionary: [...FDT_TOKENS, ...DT_WORDS.map((w) => `${w}\0`)], run: (bytes, source) => parseDtb(bytes, source) },
  { id: 'dts', calls: 'parseDts (src/formats/dts)', seeds: () => fixtureSeeds(/\.dts$/), dictionary: DTS_TOKENS, run: text(parseDts) },
  { id: 'proc-iomem', calls: 'parseProcIomem (src/formats/iomem)', seeds: () => fixtureSeeds(/proc-iomem.*\.txt$/), dictionary: IOMEM_TOKENS, run: text(parseProcIomem) },
  { id: 'sysfs-reserved-regions', calls: 'parseReservedRegions (src/formats/sysfs)', seeds: sysfsSeeds, dictionary: SYSFS_TOKENS, run: text(parseReservedRegions) },
  { id: 'qemu-mtree', calls: 'parseQemuMtree (src/formats/mtree)', seeds: () => fixtureSeeds(/info-mtree.*\.txt$/), dictionary: MTREE_TOKENS, run: text(parseQemuMtree) },
  { id: 'scenario-json', calls: 'scenarioFromJson (src/model/codec.ts)', seeds: platformSeeds, dictionary: JSON_TOKENS, run: text(scenarioFromJson) },
  {
    id: 'parse-input',
    calls: 'parseInput (src/formats/load.ts): detection by content, then the parser',
    seeds: allTextSeeds,
    dictionary: [...DTS_TOKENS.slice(0, 40), ...IOMEM_TOKENS, ...SYSFS_TOKENS, ...MTREE_TOKENS, ...JSON_TOKENS],
    run: (bytes, source) => parseInput(source, bytes),
  },
  {
    id: 'load-inputs',
    calls: 'loadInputs (src/formats/load.ts) with the case and a real DTS, combined',
    seeds: allTextSeeds,
    dictionary: [...IOMEM_TOKENS, ...SYSFS_TOKENS, ...MTREE_TOKENS],
    run: (bytes, source) => {
      const other = fixtureSeeds(/^qemu-virt-gicv3-its-smmuv3-2g\.dts$/)[0]!;
      const r = loadInputs([{ name: source, bytes }, other]) as { ok: boolean; value?: { scenario: unknown } };
      // The error names whichever file broke; only the case can, the DTS is a real one.
      return r.ok ? { ...r, value: r.value!.scenario } : r;
    },
  },
  {
    id: 'link',
    calls: 'decodeLink (src/share/linkCodec.ts) on the URL fragment',
    seeds: () => plainSeeds().map((s) => ({ name: s.name, bytes: encoder.encode(packLink(decodeText(s.bytes))) })),
    dictionary: ['#', 'v1.', 'v0.', 'v99999.', '%20', '=', '+', '/', '-', '_', 'A', 'AAAA', '____'],
    run: (bytes) => decodeLink(decodeText(bytes)),
    ...link,
  },
  {
    id: 'link-json',
    calls: 'decodeLink (src/share/linkCodec.ts) on mutated link JSON, compressed as the app does',
    seeds: plainSeeds,
    dictionary: LINK_TOKENS,
    run: (bytes) => decodeLink(packLink(decodeText(bytes))),
    ...link,
  },
];

export function targetById(id: string): FuzzTarget | undefined {
  return TARGETS.find((t) => t.id === id);
}
