/**
 * The valibot schema of the on-disk scenario (iova-atlas/scenario@1). One definition, two
 * instances: `decode` turns "0x…" strings into BigInts (reading a file), `encode` only checks
 * them (writing a file, where it also fixes the key order to the order below). Field names are
 * exactly those of scenario.ts. Objects are strict: an unknown key is almost always a typo that
 * would otherwise be silently ignored.
 */
import * as v from 'valibot';
import { U64_MAX } from '../engine/u64.ts';
import { MAINLINE_BEHAVIOUR, SCENARIO_SCHEMA } from './scenario.ts';

const HEX_RE = /^0x[0-9a-fA-F]+$/;
const HEX_MESSAGE = 'expected a "0x…" hex string below 2^64';

function hexString() {
  return v.pipe(
    v.string(HEX_MESSAGE),
    v.regex(HEX_RE, HEX_MESSAGE),
    // valibot runs every check of a pipe even after the regex failed: BigInt() would throw there.
    v.check((s) => !HEX_RE.test(s) || BigInt(s) <= U64_MAX, HEX_MESSAGE),
  );
}

function decodedHex() {
  return v.pipe(hexString(), v.transform((s) => BigInt(s)));
}

const text = () => v.string('expected a string');
const flag = () => v.boolean('expected true or false');
const ids = () => v.array(text(), 'expected an array of id strings');

function picklist<const T extends readonly string[]>(options: T) {
  return v.picklist(options, `expected one of ${options.map((o) => `"${o}"`).join(', ')}`);
}

const PHYS_KINDS = ['ram', 'mmio', 'flash', 'pcie-ecam', 'pcie-mmio', 'pcie-io', 'msi-doorbell', 'iommu', 'interrupt-controller', 'reserved-memory', 'firmware', 'other'] as const;
const IOMMU_KINDS = ['smmu-v3', 'smmu-v2', 'virtio-iommu', 'intel-vtd', 'amd-vi', 'apple-dart'] as const;
const RESV_TYPES = ['direct', 'direct-relaxable', 'reserved', 'msi', 'sw-msi'] as const;
const FIRMWARE_KINDS = ['dt-iommu-addresses', 'iort-rmr', 'iort-msi-quirk', 'vtd-rmrr', 'amd-ivmd', 'virtio-probe'] as const;
const MSI_KINDS = ['gicv2m', 'gicv3-its', 'x86-lapic', 'other'] as const;

function build<H extends v.GenericSchema>(hex: () => H) {
  const range = { start: hex(), last: hex() };
  const sourceRef = v.strictObject({ file: text(), version: text(), where: v.optional(text()) });
  const source = v.optional(sourceRef);
  const firmwareReservation = v.strictObject({
    id: text(),
    name: text(),
    kind: picklist(FIRMWARE_KINDS),
    ...range,
    reg: v.optional(v.strictObject(range)),
    remapPermitted: v.optional(flag()),
    type: v.optional(picklist(RESV_TYPES)),
    appliesTo: v.optional(ids(), []),
    source,
  });
  const list = <T extends v.GenericSchema>(item: T) => v.optional(v.array(item, 'expected an array'), []);
  return v.strictObject({
    schema: v.literal(SCENARIO_SCHEMA, `expected "${SCENARIO_SCHEMA}"`),
    id: text(),
    name: text(),
    description: v.optional(text()),
    version: v.optional(v.pipe(v.number('expected a number'), v.integer('expected an integer'), v.minValue(0, 'expected a version >= 0'))),
    sources: list(sourceRef),
    physicalMap: list(
      v.strictObject({ name: text(), kind: picklist(PHYS_KINDS), ...range, parent: v.optional(text()), source }),
    ),
    iommus: list(
      v.strictObject({
        id: text(),
        name: text(),
        kind: picklist(IOMMU_KINDS),
        aperture: v.strictObject(range),
        granule: hex(),
        base: v.optional(hex()),
        probeRegions: v.optional(v.array(firmwareReservation, 'expected an array')),
        source,
      }),
    ),
    hostBridges: list(
      v.strictObject({
        id: text(),
        name: text(),
        windows: list(v.strictObject({ kind: picklist(['mem', 'mem-prefetch', 'io'] as const), cpuStart: hex(), busStart: hex(), size: hex() })),
        dmaRanges: list(v.strictObject({ busStart: hex(), cpuStart: hex(), size: hex() })),
        iommu: v.optional(text()),
        msiController: v.optional(text()),
        memoryRegions: v.optional(ids()),
        source,
      }),
    ),
    msiControllers: list(
      v.strictObject({ id: text(), name: text(), kind: picklist(MSI_KINDS), doorbell: v.strictObject(range), isolated: flag(), source }),
    ),
    devices: list(
      v.strictObject({
        id: text(),
        name: text(),
        bus: picklist(['pci', 'platform'] as const),
        hostBridge: v.optional(text()),
        msiController: v.optional(text()),
        iommu: v.optional(text()),
        group: text(),
        hasOfNode: v.optional(flag(), false),
        memoryRegions: v.optional(ids()),
        streamIds: v.optional(v.array(v.pipe(v.number('expected a number'), v.integer('expected an integer'), v.minValue(0, 'expected a stream ID >= 0')))),
        observedRegions: v.optional(
          v.array(v.strictObject({ ...range, type: picklist(RESV_TYPES), inferred: v.optional(text()) }), 'expected an array'),
        ),
        representative: v.optional(flag()),
        source,
      }),
    ),
    firmwareReservations: list(firmwareReservation),
    behaviour: v.optional(
      v.strictObject({
        dtReservationsReachPci: v.optional(flag(), MAINLINE_BEHAVIOUR.dtReservationsReachPci),
        forcedac: v.optional(flag(), MAINLINE_BEHAVIOUR.forcedac),
        allowUnsafeInterrupts: v.optional(flag(), MAINLINE_BEHAVIOUR.allowUnsafeInterrupts),
      }),
      { ...MAINLINE_BEHAVIOUR },
    ),
    guest: v.optional(
      v.strictObject({
        layout: text(),
        regions: list(v.strictObject({ name: text(), kind: picklist(['ram', 'bar', 'rom', 'other'] as const), start: hex(), size: hex() })),
        source,
      }),
    ),
    notes: v.optional(v.array(text(), 'expected an array of strings')),
  });
}

/** Reads a file: hex strings become BigInts, defaults filled in. */
export const decodeSchema = build(decodedHex);
/** Writes a file: input already has hex strings; output has the canonical key order. */
export const encodeSchema = build(hexString);
