import { beforeEach, describe, expect, it } from 'vitest';
import type { Trace } from '../../engine/trace.ts';
import { playerStore } from './playerStore.ts';

const trace: Trace = {
  format: 'iova-trace/1',
  name: 't',
  ops: [{ op: 'resv_add', start: 0x8000000n, length: 0x100000n, type: 'sw-msi' }, { op: 'resv_show' }, { op: 'vfio_sw_msi' }],
};

describe('playerStore', () => {
  beforeEach(() => playerStore.getState().load(trace, 'test'));

  it('starts a loaded trace at position 0, paused, without an error', () => {
    const s = playerStore.getState();
    expect([s.position, s.playing, s.error, s.stepper?.length]).toEqual([0, false, null, 3]);
  });

  it('keeps the position inside [0, length] and pauses on a seek or a step back', () => {
    const p = playerStore.getState();
    p.seek(99);
    expect(playerStore.getState().position).toBe(3);
    p.forward();
    expect(playerStore.getState().position).toBe(3);
    p.seek(2);
    p.play();
    expect(playerStore.getState().playing).toBe(true);
    p.back();
    expect([playerStore.getState().position, playerStore.getState().playing]).toEqual([1, false]);
    p.seek(-5);
    p.back();
    expect(playerStore.getState().position).toBe(0);
  });

  it('plays from the start again once at the end', () => {
    const p = playerStore.getState();
    p.seek(3);
    p.play();
    expect([playerStore.getState().position, playerStore.getState().playing]).toEqual([0, true]);
  });

  it('keeps the trace when a later load fails, and shows the error', () => {
    playerStore.getState().fail('bad.json:1:1: not JSON');
    const s = playerStore.getState();
    expect([s.error, s.stepper?.trace.name]).toEqual(['bad.json:1:1: not JSON', 't']);
  });
});
