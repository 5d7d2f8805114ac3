/**
 * The search box's matching: a query is a region name (any part, any case) or an address in hex
 * ("0x8000000", "8000000", "0x0000_0000_0800_0000"). Address matches come first, narrowest
 * region first, because "what is at 0x8000000?" wants the SW_MSI window before the aperture;
 * name matches follow in map order.
 */
import { itemsOverlapping } from '../view/laneIndex.ts';
import type { Lane, LaneItem } from '../view/laneModel.ts';

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

/**
 * What a search looks through: every drawn item of every lane, then the extra items (the
 * MSI-window lane). Nothing is copied: an uploaded /proc/iomem's million regions cost nothing
 * until a query runs, and a query builds entries for its hits only.
 */
export interface SearchSource {
  readonly lanes: readonly Lane[];
  readonly extra: readonly SearchItem[];
}

export function searchableItems(lanes: readonly Lane[], extra: readonly SearchItem[] = []): SearchSource {
  return { lanes, extra };
}

function entry(l: Lane, it: LaneItem): SearchItem {
  return { lane: l.id, laneTitle: l.title, key: it.key, name: it.name, start: it.start, last: it.last };
}

/** The address a query names, if it is one: hex with or without 0x, "_" allowed as a separator. */
export function queryAddress(query: string): bigint | undefined {
  const t = query.trim().replace(/_/g, '');
  const m = /^(?:0x)?([0-9a-f]{1,16})$/i.exec(t);
  return m ? BigInt(`0x${m[1]}`) : undefined;
}

export function searchRegions(source: SearchSource, query: string, limit = 20): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const addr = queryAddress(q);
  const byAddress: SearchItem[] = [];
  if (addr !== undefined) {
    for (const l of source.lanes) for (const it of itemsOverlapping(l, addr, addr)) byAddress.push(entry(l, it));
    byAddress.push(...source.extra.filter((it) => it.start <= addr && addr <= it.last));
    byAddress.sort((a, b) => {
      const d = a.last - a.start - (b.last - b.start);
      return d < 0n ? -1 : d > 0n ? 1 : 0;
    });
  }
  const seen = new Set(byAddress.map((it) => `${it.lane}\n${it.key}`));
  // Name matches in map order, only as many as can still be shown.
  const byName: SearchItem[] = [];
  const take = (it: SearchItem): void => {
    if (!seen.has(`${it.lane}\n${it.key}`)) byName.push(it);
  };
  for (const l of source.lanes) {
    for (const it of l.items) {
      if (byName.length >= limit) break;
      if (it.name.toLowerCase().includes(q)) take(entry(l, it));
    }
  }
  for (const it of source.extra) if (byName.length < limit && it.name.toLowerCase().includes(q)) take(it);
  return [...byAddress.map((it) => ({ ...it, match: 'address' as const })), ...byName.map((it) => ({ ...it, match: 'name' as const }))].slice(0, limit);
}
