/**
 * Arguments of `iova-atlas analyze`: targets, then --policy NAME|all, --guest-ram SIZE and
 * --format text|json (each also as --name=value). Problems come back as one message.
 */
import { parseSize } from '../engine/u64.ts';
import { POLICY_IDS, type PolicyId } from '../analysis/types.ts';

export interface AnalyzeArgs {
  readonly targets: string[];
  readonly policies: readonly PolicyId[];
  readonly guestRamSize?: bigint;
  readonly format: 'text' | 'json';
}

const VALUE_OPTIONS = ['--policy', '--guest-ram', '--format'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

function isValueOption(x: string): x is ValueOption {
  return (VALUE_OPTIONS as readonly string[]).includes(x);
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
  return {
    ok: true,
    value: {
      targets,
      policies: policy === 'all' ? POLICY_IDS : [policy as PolicyId],
      ...(guestRamSize !== undefined ? { guestRamSize } : {}),
      format,
    },
  };
}
