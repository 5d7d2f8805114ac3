import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/appStore.ts';
import { THEME_KEY, followThemePreference } from './themePreference.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe('theme preference', () => {
  it('restores a saved choice and saves each new one', () => {
    const storage = memoryStorage({ [THEME_KEY]: 'dark' });
    const store = createAppStore();
    followThemePreference(store, storage);
    expect(store.getState().theme).toBe('dark');
    store.getState().setTheme('light');
    expect(storage.data.get(THEME_KEY)).toBe('light');
  });

  it('ignores a saved value that is no theme, and a storage that refuses writes', () => {
    const store = createAppStore();
    followThemePreference(store, { getItem: () => '<script>', setItem: () => { throw new Error('QuotaExceededError'); } });
    expect(store.getState().theme).toBe('system');
    expect(() => store.getState().setTheme('dark')).not.toThrow();
    expect(store.getState().theme).toBe('dark');
  });
});
