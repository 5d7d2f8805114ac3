/**
 * The kernel's own IOVA allocator as a benchmark baseline: drivers/iommu/iova.c and lib/rbtree.c
 * are read from the installed Debian linux-source package (or an unpacked tree) into a temporary
 * folder, built with gcc -O2 against bench/kernel-iova/kernel-shim.h, and linked with
 * bench/kernel-iova/harness.c, which replays an op list and times it. The kernel is GPL: its files
 * are only read at bench time and never copied into this repository.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Trace } from '../../src/engine/trace.ts';
import { hex } from '../../src/engine/u64.ts';
import type { KindCost } from './engineTrace.ts';

export const SOURCE_VARIABLE = 'IOVA_ATLAS_KERNEL_SRC';
const HOW_TO_GET = `apt-get install linux-source-6.12 (puts /usr/src/linux-source-6.12.tar.xz), or set ${SOURCE_VARIABLE} to an unpacked kernel tree or a linux-source tarball`;
const SHIM_DIR = fileURLToPath(new URL('../kernel-iova/', import.meta.url));
const KERNEL_C = ['drivers/iommu/iova.c', 'lib/rbtree.c'];
const KERNEL_FILES = [...KERNEL_C, 'include/linux/iova.h', 'include/linux/rbtree.h', 'include/linux/rbtree_augmented.h', 'include/linux/rbtree_types.h', 'Makefile'];

export interface KernelSource {
  readonly path: string;
  readonly isTarball: boolean;
}

/** The source named by IOVA_ATLAS_KERNEL_SRC, else the newest /usr/src/linux-source-*.tar.*; or why there is none. */
export function findKernelSource(): KernelSource | string {
  const named = process.env[SOURCE_VARIABLE];
  if (named) {
    if (!existsSync(named)) return `${SOURCE_VARIABLE}=${named} does not exist; ${HOW_TO_GET}`;
    return { path: named, isTarball: !statSync(named).isDirectory() };
  }
  const version = (f: string) => (/^linux-source-(\d+)\.(\d+)\.tar\./.exec(f) ?? []).slice(1).map(Number);
  const tarballs = existsSync('/usr/src') ? readdirSync('/usr/src').filter((f) => version(f).length === 2) : [];
  tarballs.sort((a, b) => version(b)[0]! - version(a)[0]! || version(b)[1]! - version(a)[1]!);
  return tarballs[0] ? { path: join('/usr/src', tarballs[0]), isTarball: true } : `no kernel source found: ${HOW_TO_GET}`;
}

/** The C compiler (CC or gcc) and its version line, or how to get one. */
export function findCompiler(): { cc: string; version: string } | string {
  const cc = process.env.CC || 'gcc';
  const r = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return `no C compiler (${cc}): apt-get install gcc, or set CC`;
  return { cc, version: r.stdout.split('\n')[0]!.trim() };
}

/**
 * Copies the few kernel files the build needs into `dir` (only those members are extracted from
 * a tarball) and returns the kernel version from its Makefile. Throws with tar's message.
 */
export function extractKernelFiles(source: KernelSource, dir: string): string {
  if (source.isTarball) {
    // One top-level folder (linux-source-6.12/); '*' must not match '/' or every Makefile comes out.
    const r = spawnSync('tar', ['-xf', source.path, '-C', dir, '--strip-components=1', '--wildcards', '--no-wildcards-match-slash', ...KERNEL_FILES.map((f) => `*/${f}`)], { encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`tar could not extract ${KERNEL_FILES.join(', ')} from ${source.path}: ${(r.error?.message ?? r.stderr).trim()}`);
  } else {
    for (const f of KERNEL_FILES) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      copyFileSync(join(source.path, f), join(dir, f));
    }
  }
  const field = (name: string) => new RegExp(`^${name} = *(\\S*)`, 'm').exec(readFileSync(join(dir, 'Makefile'), 'utf8'))?.[1] ?? '?';
  return `${field('VERSION')}.${field('PATCHLEVEL')}.${field('SUBLEVEL')}${field('EXTRAVERSION')}`;
}

/**
 * Every <linux/...> header the kernel files include that was not extracted becomes an empty file,
 * so that all of their environment comes from kernel-shim.h (forced in with -include).
 */
function stubMissingHeaders(dir: string): void {
  const include = join(dir, 'include');
  for (const f of KERNEL_FILES.filter((k) => /\.[ch]$/.test(k))) {
    for (const [, header] of readFileSync(join(dir, f), 'utf8').matchAll(/^#include <(linux\/[^>]+)>/gm)) {
      const path = join(include, header!);
      if (existsSync(path)) continue;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, '');
    }
  }
}

/** Builds the harness with the kernel's iova.c and rbtree.c; returns its path. Throws with gcc's first errors. */
export function buildHarness(cc: string, dir: string): string {
  stubMissingHeaders(dir);
  const bin = join(dir, 'kernel-iova-harness');
  const args = ['-O2', '-std=gnu11', '-fno-strict-aliasing', '-I', join(dir, 'include'), '-include', join(SHIM_DIR, 'kernel-shim.h'), '-o', bin, join(SHIM_DIR, 'harness.c'), ...KERNEL_C.map((f) => join(dir, f))];
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cc} could not build the kernel IOVA harness: ${(r.error?.message ?? r.stderr).trim().split('\n').slice(0, 6).join(' | ')}`);
  return bin;
}

/** The trace's iova ops in the harness's line format (see harness.c). */
export function harnessOps(trace: Trace): string {
  const lines: string[] = [];
  for (const op of trace.ops) {
    if (op.op === 'iova_init') lines.push(`init ${hex(op.granule)} ${hex(op.startPfn)}`);
    else if (op.op === 'iova_alloc') lines.push(`alloc ${hex(op.size)} ${hex(op.limitPfn)} ${op.sizeAligned ? 1 : 0}`);
    else if (op.op === 'iova_free') lines.push(`free ${hex(op.pfn)}`);
    else if (op.op === 'iova_reserve') lines.push(`reserve ${hex(op.pfnLo)} ${hex(op.pfnHi)}`);
    else throw new Error(`the kernel harness replays iova_* ops only, not ${op.op}`);
  }
  return lines.join('\n') + '\n';
}

export interface HarnessRun {
  /** What the kernel printed for the ops, in iova-trace/1 form. */
  readonly output: string;
  readonly checksum: bigint;
  /** Whole replays, one per run. */
  readonly runsMs: readonly number[];
  /** Per op kind, timed op by op: the best run of each kind. */
  readonly perKind: KindCost;
}

/** Runs the harness on an ops file; throws with its stderr if it fails. */
export function runHarness(bin: string, opsFile: string, runs: number, outputFile: string): HarnessRun {
  const r = spawnSync(bin, [opsFile, String(runs), outputFile], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`the kernel IOVA harness failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}): ${r.stderr.trim()}`);
  const checksum = /^checksum (0x[0-9a-f]+)$/m.exec(r.stdout)?.[1];
  const runsMs = [...r.stdout.matchAll(/^run_ns (\d+)$/gm)].map(([, ns]) => Number(ns) / 1e6);
  if (!checksum || runsMs.length !== runs) throw new Error(`the kernel IOVA harness printed something unexpected: ${r.stdout.slice(0, 200)}`);
  const perKind: KindCost = new Map();
  for (const [, kind, n, ns] of r.stdout.matchAll(/^kind_ns \d+ (\S+) (\d+) (\d+)$/gm)) {
    const ms = Number(ns) / 1e6;
    perKind.set(kind!, { n: Number(n), ms: Math.min(ms, perKind.get(kind!)?.ms ?? Infinity) });
  }
  return { output: readFileSync(outputFile, 'utf8'), checksum: BigInt(checksum), runsMs, perKind };
}

/** FNV-1a 64 of a text's UTF-8 bytes, the checksum harness.c prints. */
export function fnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) h = BigInt.asUintN(64, (h ^ BigInt(byte)) * 0x100000001b3n);
  return h;
}

/** How one replay on the kernel's code ended: what it printed, or how that code failed. */
export type KernelEnd = { readonly kind: 'done'; readonly output: string } | { readonly kind: 'oops'; readonly signal: string } | { readonly kind: 'lockup' };

/**
 * One replay of an ops file on the harness, for comparing results: a signal (SIGSEGV: the NULL
 * dereference of an oops) or no answer within `timeoutMs` (the kernel's code looping forever)
 * is the kernel failing, reported as such rather than thrown.
 */
export function replayOnKernel(bin: string, opsFile: string, outputFile: string, timeoutMs: number): KernelEnd {
  const r = spawnSync(bin, [opsFile, '1', outputFile], { encoding: 'utf8', timeout: timeoutMs });
  if (r.status === 0) return { kind: 'done', output: readFileSync(outputFile, 'utf8') };
  if (r.signal === 'SIGTERM' && r.error) return { kind: 'lockup' };
  if (r.signal) return { kind: 'oops', signal: r.signal };
  throw new Error(`the kernel IOVA harness failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr.trim()}`);
}

/** Where two outputs first differ, as "result N: kernel …, engine …", or undefined when equal. */
export function firstDifference(kernel: string, engine: string): string | undefined {
  if (kernel === engine) return undefined;
  const [k, e] = [kernel.split('\n'), engine.split('\n')];
  const i = k.findIndex((line, n) => line !== e[n]);
  const at = i < 0 ? k.length : i;
  return `result ${at + 1}: kernel "${k[at] ?? '(end)'}", engine "${e[at] ?? '(end)'}"`;
}
