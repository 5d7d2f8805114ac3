/**
 * Search: type a region name or a hex address; matches from every lane appear in a list (a
 * combobox with a listbox). Enter or a click selects the match and zooms the map to it.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { hex16 } from '../../engine/u64.ts';
import { searchableItems, searchRegions, type SearchHit, type SearchItem } from '../../search/searchRegions.ts';
import { appStore, useApp } from '../../store/appStore.ts';
import { selectLanes } from '../../store/axisSelectors.ts';
import { selectWindowEntries, type WindowEntry } from '../../store/windowSelectors.ts';

function windowItems(entries: readonly WindowEntry[]): SearchItem[] {
  return entries.flatMap((e) =>
    e.result.window ? [{ lane: 'windows', laneTitle: 'MSI windows', key: e.key, name: e.label, start: e.result.window.base, last: e.result.window.base + e.result.window.size - 1n }] : [],
  );
}

/** Select the hit and zoom the map to it. */
function reveal(hit: SearchHit): void {
  const s = appStore.getState();
  s.select({ lane: hit.lane, key: hit.key });
  if (hit.lane === 'windows' && hit.key.startsWith('candidate:')) s.setActiveCandidate(hit.key.slice('candidate:'.length));
  s.fitRange(hit.start, hit.last);
}

export function SearchBox({ inputRef }: { readonly inputRef: RefObject<HTMLInputElement | null> }) {
  const ids = { input: useId(), list: useId() };
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const lanes = useApp(selectLanes);
  const windows = useApp(selectWindowEntries);
  const items = useMemo(() => searchableItems(lanes, windowItems(windows)), [lanes, windows]);
  const hits = useMemo(() => searchRegions(items, query), [items, query]);
  const [found, setFound] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const shown = open && query.trim() !== '';

  const pick = (hit: SearchHit | undefined): void => {
    if (!hit) return;
    reveal(hit);
    setFound(`Showing ${hit.name} (${hit.laneTitle}), ${hex16(hit.start)}–${hex16(hit.last)}.`);
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const n = hits.length;
      if (n) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(hits[active] ?? hits[0]);
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="search-box">
      <label htmlFor={ids.input}>Search</label>
      <input
        ref={inputRef}
        id={ids.input}
        type="search"
        role="combobox"
        aria-expanded={shown}
        aria-controls={ids.list}
        aria-autocomplete="list"
        aria-activedescendant={shown && hits[active] ? `${ids.list}-${active}` : undefined}
        aria-keyshortcuts="/"
        placeholder="name or 0x address"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={(e) => {
          if (!listRef.current?.contains(e.relatedTarget)) setOpen(false);
        }}
      />
      <ul ref={listRef} id={ids.list} role="listbox" aria-label="Matching regions" className="search-results" hidden={!shown}>
        {hits.map((h, i) => (
          <li
            key={`${h.lane}\n${h.key}`}
            id={`${ids.list}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(h)}
          >
            <span className="hit-name">{h.name}</span> <span className="hit-lane">{h.laneTitle}</span> <span className="hit-range">{hex16(h.start)}–{hex16(h.last)}</span>
          </li>
        ))}
        {hits.length === 0 && <li className="no-hit">No region matches “{query.trim()}”.</li>}
      </ul>
      <span role="status" className="sr-only">
        {shown ? `${hits.length} match${hits.length === 1 ? '' : 'es'}` : found}
      </span>
    </div>
  );
}
