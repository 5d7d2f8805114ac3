import { describe, expect, it } from 'vitest';
import { jsonFileName } from './saveScenario.ts';

describe('jsonFileName', () => {
  it('keeps a plain name and adds .json', () => {
    expect(jsonFileName('board.dtb')).toBe('board.dtb.json');
  });

  it('does not add a second .json', () => {
    expect(jsonFileName('saved.json')).toBe('saved.json');
  });

  it('replaces spaces, slashes and markup with dashes', () => {
    expect(jsonFileName('a.dtb + b/c <script>')).toBe('a.dtb-+-b-c-script.json');
  });

  it('never yields a hidden or empty name', () => {
    expect(jsonFileName('../..')).toBe('scenario.json');
    expect(jsonFileName('')).toBe('scenario.json');
  });
});
