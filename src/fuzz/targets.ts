/**
 * Every input path the app and the CLI accept from strangers, as a fuzz target: the parser (or
 * loader) to call, the real inputs to mutate, and tokens of its format that get mutations past
 * the first line.
 */
import { parseDtb } from '../formats/dtb/parseDtb.ts';
import { parseDts } from '../formats/dts/parseDts.ts';
import { parseProcIomem } from '../formats/iomem/procIomem.ts';
import { parseReservedRegions } from '../formats/sysfs/reservedRegions.ts';
import { decodeText } from '../formats/common/text.ts';
import { scenarioFromJson } from '../model/codec.ts';
import { fixtureSeeds, platformSeeds, sysfsSeeds, type Seed } from './seeds.ts';

export interface FuzzTarget {
  readonly id: string;
  /** What is called, for messages. */
  readonly calls: string;
  readonly seeds: () => readonly Seed[];
  readonly dictionary: readonly string[];
  /** Must return a Result; any throw is a finding. */
  readonly run: (bytes: Uint8Array, source: string) => unknown;
}

const text = (parse: (text: string, source: string) => unknown) => (bytes: Uint8Array, source: string) => parse(decodeText(bytes), source);

const DT_WORDS = ['reg', 'ranges', 'dma-ranges', '#address-cells', '#size-cells', 'compatible', 'phandle', 'linux,phandle', 'iommu-map', 'iommus', 'msi-map', 'msi-parent', 'memory-region', 'iommu-addresses', 'device_type', 'status', 'interrupt-parent', 'reserved-memory', 'memory', 'pci', 'arm,smmu-v3', 'arm,gic-v3-its', 'arm,gic-v2m-frame', 'pci-host-ecam-generic', 'virtio,pci-iommu'];

/** FDT structure tokens (BEGIN_NODE, END_NODE, PROP, NOP, END) as big-endian words. */
const FDT_TOKENS = ['\0\0\0\x01', '\0\0\0\x02', '\0\0\0\x03', '\0\0\0\x04', '\0\0\0\x09', '\0\0\0\0'];

export const TARGETS: readonly FuzzTarget[] = [
  {
    id: 'dtb',
    calls: 'parseDtb (src/formats/dtb)',
    seeds: () => fixtureSeeds(/\.dtb$/),
    dictionary: [...FDT_TOKENS, ...DT_WORDS.map((w) => `${w}\0`)],
    run: (bytes, source) => parseDtb(bytes, source),
  },
  {
    id: 'dts',
    calls: 'parseDts (src/formats/dts)',
    seeds: () => fixtureSeeds(/\.dts$/),
    dictionary: [
      ...DT_WORDS,
      '/dts-v1/;', '/memreserve/ 0x8000000 0x100000;', '/delete-node/ ', '/delete-property/ ', '/bits/ 64 ', '/bits/ 8 ', '/include/ "x.dtsi"', '/plugin/;',
      '#include "x.h"\n', '# 1 "board.dts"\n', '/ {', '};', '{', '}', ';', ' = ', '<', '>', '[00 ff]', '"s\\n"', "'a'", '&label', 'label: ', '&{/soc}', '<&label>',
      'node@0 {', '#address-cells = <2>;', '#size-cells = <0>;', 'reg = <0x0 0x8000000 0x0 0x100000>;', 'ranges;', 'dma-ranges = <>;',
      'iommu-map = <0 &smmu 0 0x10000>;', 'iommu-addresses = <&pcie 0x0 0x8000000 0x0 0x100000>;', 'memory-region = <&r>;',
      '(1 << 63)', '(0 - 1)', '(1 / 0)', '(5 % 0)', '(~0)', '(1 ? 2 : 3)', '/*', '*/', '//', '\\',
    ],
    run: text(parseDts),
  },
  {
    id: 'proc-iomem',
    calls: 'parseProcIomem (src/formats/iomem)',
    seeds: () => fixtureSeeds(/proc-iomem.*\.txt$/),
    dictionary: ['00000000-00000fff : Reserved\n', '  ', ' : ', '-', 'System RAM', 'Kernel code', 'PCI Bus 0000:00', 'PCI ECAM', 'Local APIC', 'ffffffffffffffff', '\n  ', '\n    '],
    run: text(parseProcIomem),
  },
  {
    id: 'sysfs-reserved-regions',
    calls: 'parseReservedRegions (src/formats/sysfs)',
    seeds: sysfsSeeds,
    dictionary: ['0x0000000008000000 0x00000000080fffff ', 'msi', 'sw-msi', 'reserved', 'direct', 'direct-relaxable', '/sys/kernel/iommu_groups/1/reserved_regions:', '==> /sys/kernel/iommu_groups/4/reserved_regions <==', '==> x <==', '0x', ' ', '\n'],
    run: text(parseReservedRegions),
  },
  {
    id: 'scenario-json',
    calls: 'scenarioFromJson (src/model/codec.ts)',
    seeds: platformSeeds,
    dictionary: ['{', '}', '[', ']', ',', ':', 'null', 'true', '1e999', '-0', '"schema"', '"iova-atlas/scenario@1"', '"0x8000000"', '"0xffffffffffffffff"', '"0x10000000000000000"', '"0x"', '"\\u0000"', '"\\ud800"', '"__proto__"', '"constructor"', '"id"', '"start"', '"last"', '"size"', '"appliesTo"'],
    run: text(scenarioFromJson),
  },
];

export function targetById(id: string): FuzzTarget | undefined {
  return TARGETS.find((t) => t.id === id);
}
