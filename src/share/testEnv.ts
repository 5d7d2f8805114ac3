/**
 * Test stand-ins for the browser around the share layer: fetch served from public/platforms, a
 * URL fragment with a history list, and an in-memory storage. Used by the share tests only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionEnv } from './session.ts';

const PLATFORMS = join(import.meta.dirname, '../../public/platforms');

/** fetch('./platforms/<file>') answered from the repository's public/platforms. */
export async function platformFetch(url: string | URL | Request): Promise<Response> {
  const name = String(url).replace(/^.*\/platforms\//, '');
  try {
    return new Response(readFileSync(join(PLATFORMS, name), 'utf8'));
  } catch {
    return new Response('not found', { status: 404 });
  }
}

export class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

/** A page's URL fragment and history: entries, the current index, and popstate listeners. */
export class FakePage implements SessionEnv {
  entries: string[];
  index = 0;
  pushes = 0;
  replaces = 0;
  readonly storage = new MemoryStorage();
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(hash = '') {
    this.entries = [hash];
  }
  get location(): { hash: string } {
    return { hash: this.entries[this.index]! };
  }
  readonly history = {
    pushState: (_d: unknown, _t: string, url?: string | URL | null) => {
      this.entries = [...this.entries.slice(0, this.index + 1), String(url)];
      this.index += 1;
      this.pushes += 1;
    },
    replaceState: (_d: unknown, _t: string, url?: string | URL | null) => {
      this.entries[this.index] = String(url);
      this.replaces += 1;
    },
  };
  addEventListener(type: string, l: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(l);
  }
  removeEventListener(type: string, l: () => void): void {
    this.listeners.get(type)?.delete(l);
  }
  fire(type: 'popstate' | 'pagehide'): void {
    for (const l of this.listeners.get(type) ?? []) l();
  }
  back(): void {
    this.index -= 1;
    this.fire('popstate');
  }
  forward(): void {
    this.index += 1;
    this.fire('popstate');
  }
}
