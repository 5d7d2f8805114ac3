/**
 * `iova-atlas analyze TARGET... [--policy NAME|all] [--guest-ram SIZE] [--msi-window BASE[,SIZE]]
 * [--format text|json]`:
 * the MSI-window analysis of built-in platforms and/or input files, as a plain-text report for a
 * review mail or as JSON for scripts.
 */
import { readFile } from 'node:fs/promises';
import { analyze } from '../analysis/analyze.ts';
import { textReport } from '../analysis/report.ts';
import { jsonReport } from '../analysis/reportJson.ts';
import { loadInputs } from '../formats/load.ts';
import { fail, formatLocatedError, ok, type Result } from '../model/located.ts';
import type { Scenario } from '../model/scenario.ts';
import { loadBuiltin, readBuiltinIndex } from '../platforms/builtins.ts';
import { parseAnalyzeArgs, type AnalyzeArgs } from './analyzeArgs.ts';
import { EXIT_USAGE, type CliIo, type Command } from './command.ts';

const HELP = `Usage: iova-atlas analyze TARGET... [--policy NAME|all] [--guest-ram SIZE]
                          [--msi-window BASE[,SIZE]] [--format text|json]

Where does the Arm SMMU SW_MSI window go, and what does it collide with? For
each TARGET, derive what the kernel derives (reserved_regions per IOMMU group,
VFIO type1 and iommufd ranges, the dma-iommu domain, where MSI doorbells are
mapped) and compare the MSI-window policies for every device behind an IOMMU:

  mainline    fixed MSI_IOVA_BASE 0x08000000 (Linux v6.17)
  series-v4   first of 0x08000000, 0xa0000000 clear of every reported region
              ("arm-smmu: select suitable MSI IOVA" v4, not merged)
  dynamic     the highest free 1 MiB window below 4 GiB the kernel can see
  userspace   a window the VMM picks (--msi-window, else the valid window
              nearest 0x08000000), checked as the proposed iommufd option
              IOMMU_OPTION_SW_MSI_START/SIZE would (not merged)

Each gets its window, every conflict with its concrete consequence, and a
verdict (ok, conflict, no-window). The report ends with all valid 1 MiB-aligned
windows, what the input said it read or modelled, and the assumptions made.

TARGET is a built-in platform id (see \`iova-atlas platforms\`) or a file:
scenario JSON (iova-atlas/scenario@1), device tree source or blob, /proc/iomem,
a reserved_regions dump or QEMU \`info mtree\` (the format is detected from the
content). Each built-in id is reported on its own; all files together describe
one platform and get one report.

Options:
  --policy NAME|all   only this policy (mainline, series-v4, dynamic,
                      userspace); default all
  --guest-ram SIZE    guest RAM size, e.g. 2G, 1536M, 0x80000000 (QEMU virt:
                      RAM at 0x40000000)
  --msi-window BASE[,SIZE]
                      the window the VMM sets for the userspace policy, e.g.
                      0x8000000 or 0xa0000000,2M (SIZE default 1M). Checked as
                      the proposal does: BASE and SIZE 1 MiB aligned (else
                      -EINVAL), BASE+SIZE within 64 bits (else -EOVERFLOW), no
                      overlap with the device's reserved regions other than
                      SW_MSI and direct-relaxable (else -EADDRINUSE)
  --format text|json  plain text (ASCII, 80 columns; default) or JSON

Exit status: 0 on success, 2 for bad usage, an unknown target or an invalid
input.
`;

/** All files together, through the upload loader (format detected from the content). */
async function loadFiles(files: readonly string[]): Promise<Result<Scenario>[]> {
  if (files.length === 0) return [];
  const inputs: { name: string; bytes: Uint8Array }[] = [];
  for (const file of files) {
    try {
      inputs.push({ name: file, bytes: await readFile(file) });
    } catch {
      return [fail({ source: file, message: 'unknown target: not a built-in platform id and not a readable file (run `iova-atlas platforms` for the ids)' })];
    }
  }
  const loaded = loadInputs(inputs);
  return [loaded.ok ? ok(loaded.value.scenario, loaded.warnings) : fail(loaded.error)];
}

async function loadTargets(targets: readonly string[]): Promise<Result<Scenario>[]> {
  const index = readBuiltinIndex();
  const ids = new Set(index.ok ? index.value.map((e) => e.id) : []);
  const builtins = targets.filter((t) => ids.has(t));
  const files = targets.filter((t) => !ids.has(t));
  return [...builtins.map((id) => loadBuiltin(id)), ...(await loadFiles(files))];
}

function render(scenarios: readonly Scenario[], args: AnalyzeArgs): string {
  const options = {
    ...(args.guestRamSize !== undefined ? { guestRamSize: args.guestRamSize } : {}),
    ...(args.msiWindow !== undefined ? { userspaceWindow: args.msiWindow } : {}),
  };
  const analyses = scenarios.map((s) => analyze(s, options));
  const opts = { policies: args.policies };
  if (args.format === 'json') {
    const reports = analyses.map((a) => jsonReport(a, opts));
    return JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + '\n';
  }
  return analyses.map((a) => textReport(a, opts)).join('\n');
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseAnalyzeArgs(argv);
  if (!args.ok) {
    io.stderr(`iova-atlas analyze: ${args.message}; run \`iova-atlas analyze --help\`\n`);
    return EXIT_USAGE;
  }
  const loaded = await loadTargets(args.value.targets);
  const failed = loaded.find((r) => !r.ok);
  if (failed && !failed.ok) {
    io.stderr(`iova-atlas analyze: ${formatLocatedError(failed.error)}\n`);
    return EXIT_USAGE;
  }
  const scenarios = loaded.flatMap((r) => (r.ok ? [r.value] : []));
  for (const r of loaded) if (r.ok) for (const w of r.warnings) io.stderr(`iova-atlas analyze: warning: ${formatLocatedError(w)}\n`);
  io.stdout(render(scenarios, args.value));
  return 0;
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'Compare MSI-window policies: windows, conflicts, verdicts',
  help: HELP,
  run,
};
