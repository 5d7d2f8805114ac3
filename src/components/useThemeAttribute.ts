/** Mirrors the theme choice onto <html data-theme>; "system" leaves it to prefers-color-scheme. */
import { useEffect } from 'react';
import { useApp } from '../store/appStore.ts';

export function useThemeAttribute(): void {
  const theme = useApp((s) => s.theme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
