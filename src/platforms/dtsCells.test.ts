import { describe, expect, it } from 'vitest';
import { dtsCells, joinCells } from './dtsCells.ts';

const DTS = `/ {
\tintc@8000000 {
\t\treg = <0x00 0x8000000 0x00 0x10000>;
\t\tits@8080000 {
\t\t\treg = <0x00 0x8080000 0x00 0x20000>;
\t\t};
\t\tranges;
\t};
\tpcie@10000000 {
\t\tranges = <0x1000000 0x00 0x00>;
\t};
};
`;

describe('dtsCells', () => {
  it('reads a node\u2019s own property, not a child\u2019s', () => {
    expect(dtsCells(DTS, 'intc@8000000', 'reg')).toEqual([0n, 0x8000000n, 0n, 0x10000n]);
    expect(dtsCells(DTS, 'its@8080000', 'reg')).toEqual([0n, 0x8080000n, 0n, 0x20000n]);
  });

  it('is undefined for a missing node or property', () => {
    expect(dtsCells(DTS, 'pcie@10000000', 'dma-ranges')).toBeUndefined();
    expect(dtsCells(DTS, 'intc@8000000', 'dma-ranges')).toBeUndefined();
    expect(dtsCells(DTS, 'smmuv3@9050000', 'reg')).toBeUndefined();
  });
});

describe('joinCells', () => {
  it('joins big-endian cells', () => {
    expect(joinCells([0x40n, 0x10000000n, 0n, 0x10000000n], 2)).toEqual([0x4010000000n, 0x10000000n]);
  });
});
