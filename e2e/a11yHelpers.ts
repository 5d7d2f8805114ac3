/**
 * axe-core audits of the running app. axe is loaded as an init script, which (unlike an injected
 * <script> tag) the app's Content-Security-Policy does not refuse, so pages are audited exactly as
 * users get them, CSP on.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));

export interface AxeFinding {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

/** Call before the first navigation. */
export async function loadAxe(page: Page): Promise<void> {
  await page.addInitScript({ path: AXE });
}

/** Every axe rule over the whole page; findings of every impact, worst first. */
export async function audit(page: Page): Promise<AxeFinding[]> {
  const found = await page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<Result> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? 'unknown', help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
  const rank = ['critical', 'serious', 'moderate', 'minor'];
  return found.sort((a, b) => rank.indexOf(a.impact) - rank.indexOf(b.impact));
}

export const seriousOrWorse = (f: readonly AxeFinding[]) => f.filter((x) => x.impact === 'critical' || x.impact === 'serious');
