/** Light, dark, or follow the system (the default). */
import { useId } from 'react';
import { useApp } from '../store/appStore.ts';
import type { ThemeChoice } from '../store/uiSlice.ts';

export function ThemePicker() {
  const id = useId();
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  return (
    <div className="field">
      <label htmlFor={id}>Theme</label>
      <select id={id} value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </div>
  );
}
