/**
 * The search box's matching: a query is a region name (any part, any case) or an address in hex
 * ("0x8000000", "8000000", "0x0000_0000_0800_0000"). Address matches come first, narrowest
 * region first, because "what is at 0x8000000?" wants the SW_MSI window before the aperture;
 * name matches follow in map order.
 */
import type { Lane } from '../view/laneModel.ts';

export interface SearchItem {
  readonly lane: string;
  readonly laneTitle: string;
  readonly key: string;
  readonly name: string;
  readonly start: bigint;
  readonly last: bigint;
}

export interface SearchHit extends SearchItem {
  /** Why it matched: it contains the address, or its name contains the text. */
  readonly match: 'address' | 'name';
}

/** Every drawn item of every lane, then the extra items (the MSI-window lane). */
export function searchableItems(lanes: readonly Lane[], extra: readonly SearchItem[] = []): SearchItem[] {
  const out: SearchItem[] = [];
  for (const l of lanes) for (const it of l.items) out.push({ lane: l.id, laneTitle: l.title, key: it.key, name: it.name, start: it.start, last: it.last });
  return [...out, ...extra];
}

/** The address a query names, if it is one: hex with or without 0x, "_" allowed as a separator. */
export function queryAddress(query: string): bigint | undefined {
  const t = query.trim().replace(/_/g, '');
  const m = /^(?:0x)?([0-9a-f]{1,16})$/i.exec(t);
  return m ? BigInt(`0x${m[1]}`) : undefined;
}

export function searchRegions(items: readonly SearchItem[], query: string, limit = 20): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const addr = queryAddress(q);
  const byAddress =
    addr === undefined
      ? []
      : items
          .filter((it) => it.start <= addr && addr <= it.last)
          .sort((a, b) => {
            const d = a.last - a.start - (b.last - b.start);
            return d < 0n ? -1 : d > 0n ? 1 : 0;
          });
  const seen = new Set(byAddress.map((it) => `${it.lane}\n${it.key}`));
  const byName = items.filter((it) => it.name.toLowerCase().includes(q) && !seen.has(`${it.lane}\n${it.key}`));
  return [...byAddress.map((it) => ({ ...it, match: 'address' as const })), ...byName.map((it) => ({ ...it, match: 'name' as const }))].slice(0, limit);
}
