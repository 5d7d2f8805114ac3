/**
 * IOMMU nodes and their kind. The kind decides which driver's get_resv_regions runs
 * (engine-spec §2.1: both Arm SMMU drivers and virtio-iommu add the SW_MSI window). A device tree
 * says nothing about the input address size or page sizes the driver will pick, so aperture and
 * granule are defaults per kind, written into the notes as assumptions.
 */
import type { IommuKind } from '../../model/scenario.ts';
import { cpuWindows, sourceOf, type DtContext } from './context.ts';
import { stringList } from './props.ts';
import { nodePath, type DtNode } from './tree.ts';

interface KindDefaults {
  readonly kind: IommuKind;
  readonly inputBits: number;
  readonly granule: bigint;
  readonly why: string;
}

const SMMU_V3: KindDefaults = {
  kind: 'smmu-v3',
  inputBits: 48,
  granule: 0x1000n,
  why: 'SMMUv3: aperture assumed [0, 2^48-1] (stage-1 IAS 48 without VAX) and 4 KiB granule',
};
// arm-smmu picks the AArch32 long-descriptor format for SMMUv1, which caps the stage-1 input
// size at 32 bits (arm_smmu_init_domain_context; engine-spec §5.3).
const SMMU_V1: KindDefaults = {
  kind: 'smmu-v2',
  inputBits: 32,
  granule: 0x1000n,
  why: 'SMMUv1 (arm-smmu driver): aperture assumed [0, 2^32-1] (AArch32 LPAE context format) and 4 KiB granule',
};
const SMMU_V2: KindDefaults = {
  kind: 'smmu-v2',
  inputBits: 48,
  granule: 0x1000n,
  why: 'SMMUv2 (arm-smmu driver): aperture assumed [0, 2^48-1] (AArch64 context format, 48-bit VA) and 4 KiB granule',
};
const VIRTIO_IOMMU: KindDefaults = {
  kind: 'virtio-iommu',
  inputBits: 64,
  granule: 0x1000n,
  why: 'virtio-iommu: aperture assumed [0, 2^64-1] and 4 KiB granule (QEMU’s default input range and page size mask); the device reports the real ones at probe time',
};
const APPLE_DART: KindDefaults = {
  kind: 'apple-dart',
  inputBits: 32,
  granule: 0x4000n,
  why: 'Apple DART: aperture assumed [0, 2^32-1] and 16 KiB granule',
};

function defaultsFor(compatible: readonly string[]): KindDefaults | undefined {
  for (const c of compatible) {
    if (c === 'arm,smmu-v3') return SMMU_V3;
    if (/^arm,(smmu-v1|mmu-400|mmu-401)$/.test(c)) return SMMU_V1;
    if (/,(smmu-v2|mmu-500|smmu-500)$/.test(c)) return SMMU_V2;
    if (c === 'virtio,pci-iommu') return VIRTIO_IOMMU;
    if (/^apple,t\d+-dart$/.test(c)) return APPLE_DART;
  }
  return undefined;
}

/** Finds the IOMMU nodes among the available ones and records them in ctx.iommus and the draft. */
export function collectIommus(ctx: DtContext): void {
  const assumptions = new Set<string>();
  // Siblings share their compatible list (stringList), so the regexes run once per run of them.
  let lastList: readonly string[] | undefined;
  let lastDefaults: KindDefaults | undefined;
  for (let i = 0; i < ctx.nodes.length; i += 1) {
    const node = ctx.nodes[i]!;
    const list = stringList(node, 'compatible');
    if (list !== lastList) {
      lastList = list;
      lastDefaults = defaultsFor(list);
    }
    const d = lastDefaults;
    if (d === undefined) continue;
    const base = cpuWindows(ctx, node)[0]?.start;
    const path = nodePath(node);
    const iommu = {
      id: path,
      name: node.name,
      kind: d.kind,
      aperture: { start: 0n, last: (1n << BigInt(d.inputBits)) - 1n },
      granule: d.granule,
      ...(base === undefined ? {} : { base }),
      source: sourceOf(ctx, node),
    };
    ctx.iommus.set(node, iommu);
    ctx.draft.iommus.push(iommu);
    assumptions.add(d.why);
  }
  for (const why of assumptions) ctx.draft.notes.push(`${why}; the device tree does not say.`);
}

export function isIommuNode(ctx: DtContext, node: DtNode): boolean {
  return ctx.iommus.has(node);
}
