/**
 * Arguments of `iova-atlas analyze`: targets, then --policy NAME|all, --guest-ram SIZE,
 * --msi-window BASE[,SIZE] and --format text|json (each also as --name=value). Problems come
 * back as one message.
 */
import { MSI_IOVA_LENGTH } from '../engine/resvRegions.ts';
import { parseSize } from '../engine/u64.ts';
import { POLICY_IDS, type MsiWindow, type PolicyId } from '../analysis/types.ts';

export interface AnalyzeArgs {
  readonly targets: string[];
  readonly policies: readonly PolicyId[];
  readonly guestRamSize?: bigint;
  /** The window the VMM asks for under the userspace policy (IOMMU_OPTION_SW_MSI_START/SIZE). */
  readonly msiWindow?: MsiWindow;
  readonly format: 'text' | 'json';
}

const VALUE_OPTIONS = ['--policy', '--guest-ram', '--msi-window', '--format'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

function isValueOption(x: string): x is ValueOption {
  return (VALUE_OPTIONS as readonly string[]).includes(x);
}

/**
 * "BASE[,SIZE]", SIZE 1 MiB (MSI_IOVA_LENGTH) when left out. Alignment is not checked here: a
 * misaligned window is the kernel's to refuse (-EINVAL), and the report shows that refusal.
 */
function parseMsiWindow(text: string): MsiWindow | string {
  const [baseText = '', sizeText, extra] = text.split(',');
  const example = 'e.g. 0x8000000, 0xa0000000,2M or 2560M,1M';
  if (extra !== undefined) return `--msi-window: expected BASE[,SIZE], found "${text}" (${example})`;
  const base = parseSize(baseText);
  if (base === undefined) return `--msi-window: cannot read "${baseText}" as a base address (${example})`;
  const size = sizeText === undefined ? MSI_IOVA_LENGTH : parseSize(sizeText);
  if (size === undefined) return `--msi-window: cannot read "${sizeText}" as a size (${example})`;
  // IOMMU_OPTION_SW_MSI_SIZE 0 means "the driver's default", which is what leaving SIZE out gives.
  if (size === 0n) return '--msi-window: SIZE 0 stands for the driver\'s 1 MiB in the proposed uAPI; leave SIZE out instead';
  return { base, size };
}

export function parseAnalyzeArgs(args: readonly string[]): { ok: true; value: AnalyzeArgs } | { ok: false; message: string } {
  const targets: string[] = [];
  const values = new Map<ValueOption, string>();
  let onlyTargets = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (onlyTargets || !a.startsWith('-') || a === '-') {
      targets.push(a);
      continue;
    }
    if (a === '--') {
      onlyTargets = true;
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!isValueOption(name)) return { ok: false, message: `unknown option ${a}` };
    const value = eq < 0 ? args[++i] : a.slice(eq + 1);
    if (value === undefined) return { ok: false, message: `${name} needs a value` };
    values.set(name, value);
  }
  if (targets.length === 0) return { ok: false, message: 'no TARGET given (a built-in platform id or a scenario file)' };

  const policy = values.get('--policy') ?? 'all';
  if (policy !== 'all' && !(POLICY_IDS as readonly string[]).includes(policy)) {
    return { ok: false, message: `unknown policy "${policy}" (expected all, ${POLICY_IDS.join(', ')})` };
  }
  const format = values.get('--format') ?? 'text';
  if (format !== 'text' && format !== 'json') return { ok: false, message: `unknown format "${format}" (expected text or json)` };
  const ramText = values.get('--guest-ram');
  const guestRamSize = ramText === undefined ? undefined : parseSize(ramText);
  if (ramText !== undefined && (guestRamSize === undefined || guestRamSize === 0n)) {
    return { ok: false, message: `--guest-ram: cannot read "${ramText}" as a size (e.g. 2G, 1536M, 0x80000000)` };
  }
  const windowText = values.get('--msi-window');
  const msiWindow = windowText === undefined ? undefined : parseMsiWindow(windowText);
  if (typeof msiWindow === 'string') return { ok: false, message: msiWindow };
  if (msiWindow !== undefined && policy !== 'all' && policy !== 'userspace') {
    return { ok: false, message: `--msi-window sets the userspace policy's window; --policy ${policy} would not use it` };
  }
  return {
    ok: true,
    value: {
      targets,
      policies: policy === 'all' ? POLICY_IDS : [policy as PolicyId],
      ...(guestRamSize !== undefined ? { guestRamSize } : {}),
      ...(msiWindow !== undefined ? { msiWindow } : {}),
      format,
    },
  };
}
