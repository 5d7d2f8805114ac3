import { describe, expect, it } from 'vitest';
import { readPlatformIndex } from './platformIndex.ts';

const entry = { id: 'qemu-virt', name: 'QEMU virt', file: 'qemu-virt.json', version: 1, summary: 's' };
const text = (platforms: unknown) => JSON.stringify({ platforms });

describe('readPlatformIndex', () => {
  it('accepts a well-formed index', () => {
    const r = readPlatformIndex(text([entry]), 'index.json');
    expect(r.ok && r.value).toEqual([entry]);
  });

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['no platforms array', '{"list": []}', '"platforms" array'],
    ['a missing name', text([{ ...entry, name: undefined }]), 'platforms[0]: "name"'],
    ['a negative version', text([{ ...entry, version: -1 }]), '"version"'],
    ['a file outside the folder', text([{ ...entry, file: '../x.json' }]), '"file"'],
    ['a duplicate id', text([entry, entry]), 'platforms[1]: duplicate id "qemu-virt"'],
  ])('reports %s', (_what, input, message) => {
    const r = readPlatformIndex(input, 'index.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.source).toBe('index.json');
      expect(r.error.message).toContain(message);
    }
  });
});
