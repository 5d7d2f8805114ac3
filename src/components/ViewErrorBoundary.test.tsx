// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ViewErrorBoundary } from './ViewErrorBoundary.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let broken = true;
function Drawing() {
  if (broken) throw new Error('lane "phys" has no rows');
  return <p>the map</p>;
}

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('ViewErrorBoundary', () => {
  it('shows what failed as text, with a way out, instead of a blank page; undo draws again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    broken = true;
    await act(async () => root.render(<ViewErrorBoundary><Drawing /></ViewErrorBoundary>));
    expect(host.querySelector('[role="alert"] h1')?.textContent).toBe('IOVA Atlas could not draw this view');
    expect(host.textContent).toContain('lane "phys" has no rows');
    const buttons = [...host.querySelectorAll('button')].map((b) => b.textContent);
    expect(buttons).toEqual(['Undo the last change', 'Open the default view']);

    broken = false;
    await act(async () => host.querySelector('button')!.click());
    expect(host.textContent).toBe('the map');
    await act(async () => root.unmount());
  });
});
