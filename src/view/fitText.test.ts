import { describe, expect, it } from 'vitest';
import { fitText } from './fitText.ts';

describe('fitText', () => {
  it('keeps text that fits, shortens text that does not, drops text with no room', () => {
    expect(fitText('RAM', 100, 10)).toBe('RAM');
    expect(fitText('PCIe memory window', 60, 10)).toBe('PCIe …');
    expect(fitText('PCIe memory window', 30, 10)).toBe('');
  });
});
