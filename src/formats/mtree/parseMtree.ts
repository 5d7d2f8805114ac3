/**
 * QEMU monitor `info mtree` (or `info mtree -f`) → Scenario. The system address space
 * ("memory") gives the guest's physical map and its RAM; QEMU's IOMMU memory regions
 * (smmuv3-iommu-memory-region-DEVFN-N, virtio-iommu-memory-region-N-DEVFN, named in
 * hw/arm/smmu-common.c and hw/virtio/virtio-iommu.c) reveal the vIOMMU, its input range and the
 * PCI functions behind it; the generic PCIe host's window aliases give the bridge windows.
 */
import { ok, type Result } from '../../model/located.ts';
import type { BridgeWindow, Device, GuestRegion, Iommu, IommuKind, MsiController, PhysRegion, Scenario } from '../../model/scenario.ts';
import { failAt, runParser } from '../common/failure.ts';
import { excerpt } from '../common/text.ts';
import { finishScenario, newDraft, uploadRef, type ScenarioDraft } from '../common/draft.ts';
import { mtreeKind } from './mtreeKind.ts';
import { readMtree, type MtreeEntry, type MtreeSection } from './mtreeLines.ts';
import { visiblePieces } from './visibility.ts';

const U64_MAX = 0xffff_ffff_ffff_ffffn;
const IOMMU_REGION = /^(smmuv3|virtio-iommu)-(?:iommu-)?memory-region-(\d+)-(\d+)$/;
/**
 * x86 vIOMMUs give each PCI function an address space named after its devfn (hw/i386/intel_iommu.c
 * vtd_find_add_as, hw/i386/amd_iommu.c amdvi_host_dma_iommu: "intel_iommu_devfn_%d",
 * "amd_iommu_devfn_%d").
 */
const X86_IOMMU_SPACE = /^(intel|amd)_iommu_devfn_(\d+)$/;
/** The id each vIOMMU kind gets, and the name of its register region in the system map. */
const VIOMMU: Partial<Record<IommuKind, { id: string; regs: RegExp }>> = {
  'smmu-v3': { id: 'arm-smmuv3', regs: /smmu/ },
  'virtio-iommu': { id: 'virtio-iommu', regs: /virtio-iommu/ },
  // memory_region_init_io names: "intel_iommu" (intel_iommu.c vtd_realize), "amdvi-mmio" (amd_iommu.c).
  'intel-vtd': { id: 'intel-iommu', regs: /^intel_iommu$/ },
  'amd-vi': { id: 'amd-iommu', regs: /^amdvi-mmio$/ },
};
/** GICv2m MSI_SETSPI_NS and ITS GITS_TRANSLATER offsets (in the v2m frame and the ITS translation frame). */
const V2M_DOORBELL = 0x40n;
const ITS_DOORBELL = 0x40n;

interface Placed {
  readonly e: MtreeEntry;
  readonly parent: string | undefined;
}

export function parseQemuMtree(text: string, source: string): Result<Scenario> {
  return runParser(source, () => {
    const { sections, skipped } = readMtree(text, source);
    const system = systemView(sections);
    if (system === undefined) {
      failAt({ source, line: 1, column: 1, message: "expected the system address space ('address-space: memory' or a FlatView of AS \"memory\"), found none" });
    }
    const placed = place(system);
    const { shown, covered } = system.kind === 'flatview' ? { shown: placed, covered: undefined } : guestView(system, placed);
    const draft = newDraft();
    const file = (where: string) => uploadRef(source, 'qemu-mtree', where);
    for (const { e, parent } of shown) {
      const region: PhysRegion = {
        start: e.start,
        last: e.last,
        name: e.prio === 0 ? e.name : `${e.name} (prio ${e.prio})`,
        kind: mtreeKind(e, parent),
        ...(parent === undefined ? {} : { parent }),
        source: file(`line ${e.line}`),
      };
      draft.physicalMap.push(region);
    }
    const msi = msiControllers(placed, file);
    draft.msiControllers.push(...msi);
    const iommus = iommusOf(sections, placed, file);
    draft.iommus.push(...iommus.map((i) => i.iommu));
    addBridge(draft, placed, iommus, msi, file);
    draft.guest = guestMap(shown, file('address-space: memory'));
    notes(draft, system, iommus.length > 0, skipped);
    if (covered !== undefined) draft.notes.push(covered);
    return ok(finishScenario(source, 'qemu-mtree', draft, 'QEMU guest memory map (info mtree)'));
  });
}

function systemView(sections: readonly MtreeSection[]): MtreeSection | undefined {
  return (
    sections.find((s) => s.kind === 'address-space' && s.names.includes('memory') && s.entries.length > 0) ??
    sections.find((s) => s.kind === 'flatview' && s.names.includes('memory'))
  );
}

/** Regions of the system view with their nesting parent; the all-covering root container is left out. */
function place(view: MtreeSection): Placed[] {
  const out: Placed[] = [];
  const stack: MtreeEntry[] = [];
  for (const e of view.entries) {
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= e.indent) stack.pop();
    const parent = stack[stack.length - 1];
    stack.push(e);
    if (e.disabled || (e.start === 0n && e.last === U64_MAX)) continue;
    const parentName = parent === undefined || (parent.start === 0n && parent.last === U64_MAX) ? undefined : parent.name;
    out.push({ e, parent: parentName });
  }
  return out;
}

/**
 * The tree view lists every region, also those a higher-priority sibling covers (x86's RAM under
 * vga-lowmem and pc.rom, a board's default MMIO under the devices): keep of each leaf only the
 * parts the guest sees (visibility.ts), and a note naming what was hidden or cut.
 */
function guestView(system: MtreeSection, placed: readonly Placed[]): { shown: Placed[]; covered: string | undefined } {
  const visible = visiblePieces(system.entries);
  const shown: Placed[] = [];
  const hidden: string[] = [];
  const cut: string[] = [];
  for (const p of placed) {
    const pieces = visible.get(p.e);
    if (pieces === undefined || (pieces.length === 1 && pieces[0]!.start === p.e.start && pieces[0]!.last === p.e.last)) {
      shown.push(p);
      continue;
    }
    (pieces.length === 0 ? hidden : cut).push(p.e.name);
    for (const { start, last } of pieces) shown.push({ e: { ...p.e, start, last }, parent: p.parent });
  }
  if (hidden.length === 0 && cut.length === 0) return { shown, covered: undefined };
  const list = (what: string, names: string[]) =>
    names.length === 0 ? [] : [`${names.length} ${what} (${names.slice(0, 5).map((n) => excerpt(n)).join(', ')}${names.length > 5 ? ', ...' : ''})`];
  const covered = `Overlapping regions resolved as QEMU renders them (system/memory.c: the higher priority wins; of equal priorities the later-added, which the tree lists first at the same address): ${[...list('hidden entirely', hidden), ...list('kept only where they show through', cut)].join('; ')}.`;
  return { shown, covered };
}

type Ref = (where: string) => NonNullable<PhysRegion['source']>;

function msiControllers(placed: readonly Placed[], file: Ref): MsiController[] {
  const out: MsiController[] = [];
  placed.forEach(({ e, parent }, i) => {
    const isV2m = /^gicv2m/.test(e.name);
    // The ITS translation frame: a child of gicv3_its, or in a flat view the frame right after "control".
    const prev = placed[i - 1]?.e;
    const isIts = e.name === 'translation' && (parent?.includes('its') || (prev?.name === 'control' && prev.last + 1n === e.start));
    if (!isV2m && !isIts) return;
    const doorbell = e.start + (isV2m ? V2M_DOORBELL : ITS_DOORBELL);
    // A line printed twice (a pasted dump, an alias shown again) is the same frame, not a second controller.
    if (out.some((m) => m.doorbell.start === doorbell)) return;
    out.push({
      id: isV2m ? e.name : 'gicv3_its',
      name: isV2m ? e.name : 'gicv3_its',
      kind: isV2m ? 'gicv2m' : 'gicv3-its',
      doorbell: { start: doorbell, last: doorbell + 3n },
      isolated: !isV2m,
      source: file(`line ${e.line}`),
    });
  });
  return out;
}

interface FoundIommu {
  readonly iommu: Iommu;
  readonly regions: { name: string; devfn: number }[];
}

/** One IOMMU per kind of QEMU IOMMU region, and the PCI functions (devfn) that have one. */
function iommusOf(sections: readonly MtreeSection[], placed: readonly Placed[], file: Ref): FoundIommu[] {
  const byKind = new Map<IommuKind, { first: MtreeEntry; regions: Map<string, number> }>();
  const found = (kind: IommuKind, first: MtreeEntry, name: string, devfn: number) => {
    let k = byKind.get(kind);
    if (k === undefined) byKind.set(kind, (k = { first, regions: new Map() }));
    k.regions.set(name, devfn);
  };
  for (const s of sections) {
    const first = s.entries[0];
    if (s.kind === 'address-space' && first !== undefined) {
      for (const name of s.names) {
        const x86 = X86_IOMMU_SPACE.exec(name);
        if (x86 !== null) found(x86[1] === 'intel' ? 'intel-vtd' : 'amd-vi', first, name, Number(x86[2]));
      }
    }
    for (const e of s.entries) {
      const m = IOMMU_REGION.exec(e.name);
      if (m === null) continue;
      const kind: IommuKind = m[1] === 'smmuv3' ? 'smmu-v3' : 'virtio-iommu';
      // smmu-common.c names them "<type>-<devfn>-<index>", virtio-iommu.c "<type>-<index>-<devfn>".
      found(kind, e, e.name, Number(kind === 'smmu-v3' ? m[2] : m[3]));
    }
  }
  const out: FoundIommu[] = [];
  for (const [kind, k] of byKind) {
    const { id, regs: regsName } = VIOMMU[kind]!;
    const regs = placed.find(({ e }) => regsName.test(e.name))?.e;
    const iommu: Iommu = {
      id,
      name: id,
      kind,
      aperture: { start: k.first.start, last: k.first.last },
      granule: 0x1000n,
      ...(regs === undefined ? {} : { base: regs.start }),
      source: file(`line ${k.first.line}`),
    };
    out.push({ iommu, regions: [...k.regions].map(([name, devfn]) => ({ name, devfn })).sort((a, b) => a.devfn - b.devfn) });
  }
  return out;
}

function devfnText(devfn: number): string {
  return `${(devfn >> 3).toString(16).padStart(2, '0')}.${devfn & 7}`;
}

function addBridge(draft: ScenarioDraft, placed: readonly Placed[], iommus: readonly FoundIommu[], msi: readonly MsiController[], file: Ref): void {
  const windows: BridgeWindow[] = [];
  for (const { e } of placed) {
    const name = e.target ?? e.name;
    const size = e.last - e.start + 1n;
    if (/mmio[_-]window/.test(name) || /^pcie-mmio/.test(e.name)) windows.push({ kind: 'mem', cpuStart: e.start, busStart: e.targetOffset ?? e.start, size });
    else if (/ioport[_-]window/.test(name)) windows.push({ kind: 'io', cpuStart: e.start, busStart: e.targetOffset ?? 0n, size });
  }
  const iommu = iommus.length === 1 ? iommus[0]!.iommu.id : undefined;
  if (windows.length > 0) {
    draft.hostBridges.push({
      id: 'gpex',
      name: 'PCIe host bridge (QEMU gpex)',
      windows,
      dmaRanges: [],
      ...(iommu === undefined ? {} : { iommu }),
      ...(msi.length === 1 ? { msiController: msi[0]!.id } : {}),
      source: file('address-space: memory'),
    });
  }
  for (const { iommu: m, regions } of iommus) {
    for (const r of regions) {
      const device: Device = {
        id: r.name,
        name: `PCI function devfn ${devfnText(r.devfn)} behind ${m.name}`,
        bus: 'pci',
        ...(windows.length > 0 ? { hostBridge: 'gpex' } : {}),
        iommu: m.id,
        group: r.name,
        hasOfNode: false,
        source: file(r.name),
      };
      draft.devices.push(device);
    }
  }
}

function guestMap(placed: readonly Placed[], source: NonNullable<PhysRegion['source']>) {
  const regions: GuestRegion[] = [];
  for (const { e } of placed) {
    const kind = e.type.endsWith('ram') ? 'ram' : e.type.startsWith('rom') ? 'rom' : undefined;
    if (kind !== undefined) regions.push({ name: e.name, kind, start: e.start, size: e.last - e.start + 1n });
  }
  return { layout: 'qemu-mtree', regions, source };
}

function notes(draft: ScenarioDraft, system: MtreeSection, hasIommu: boolean, skipped: number): void {
  draft.notes.push(
    `Physical map from QEMU's system address space (${system.kind === 'flatview' ? 'flat view' : 'memory tree'}); kinds are guessed from region names. Guest RAM/ROM regions form the guest map: with an assigned device and no vIOMMU, VFIO maps them at IOVA = guest physical address.`,
  );
  if (hasIommu) {
    draft.notes.push(
      'vIOMMU found from QEMU’s IOMMU memory regions (SMMUv3, virtio-iommu) or per-function address spaces (intel_iommu_devfn_N, amd_iommu_devfn_N): the aperture is that region’s range (a VT-d or AMD-Vi guest narrows it to the address width the vIOMMU reports, which the dump does not show), the granule assumed 4 KiB. QEMU names those by devfn only, so the bus of each PCI function is not in the dump (devfn 00.0 on bus 0 is the host bridge itself).',
    );
  }
  if (draft.msiControllers.length > 0) draft.notes.push('MSI doorbells placed at GICv2m MSI_SETSPI_NS (+0x40) and ITS GITS_TRANSLATER (translation frame +0x40).');
  if (skipped > 0) draft.notes.push(`Skipped ${skipped} monitor prompt or banner line(s).`);
}
