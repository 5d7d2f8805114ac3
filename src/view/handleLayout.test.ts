import { describe, expect, it } from 'vitest';
import { MIN_HANDLE_PX, handleBox, labelPlaces } from './handleLayout.ts';

describe('handle layout', () => {
  it('keeps a handle grabbable: never narrower than the minimum, centred on its window', () => {
    expect(handleBox(100, 102)).toEqual({ x: 101 - MIN_HANDLE_PX / 2, w: MIN_HANDLE_PX });
    expect(handleBox(100, 200)).toEqual({ x: 100, w: 100 });
  });

  it('gives a label the room up to the next handle when it fits there', () => {
    const boxes = [handleBox(100, 120), handleBox(300, 320)];
    const [a, b] = labelPlaces(boxes, [150, 150], 1000);
    // a: from 100 + 20 + 6 up to 300 - 6.
    expect(a).toEqual({ x: 126, side: 'right', room: 300 - (100 + 20 + 12) });
    expect(b).toEqual({ x: 326, side: 'right', room: 1000 - (300 + 20 + 12) });
  });

  it('puts a label on the left, back to the previous handle, when the right side is shorter', () => {
    // Two handles 10 px apart at 500 and 530: the first label has 0 px on its right, 494 on its left.
    const boxes = [handleBox(500, 520), handleBox(530, 550)];
    const [a, b] = labelPlaces(boxes, [120, 120], 1000);
    expect(a).toEqual({ x: 494, side: 'left', room: 494 });
    expect(b!.side).toBe('right');
  });

  it('is the same whatever order the handles come in', () => {
    const boxes = [handleBox(700, 720), handleBox(100, 120)];
    const places = labelPlaces(boxes, [50, 50], 1000);
    expect(places[1]).toEqual({ x: 126, side: 'right', room: 700 - (100 + 20 + 12) });
    expect(places[0]).toEqual({ x: 726, side: 'right', room: 1000 - (700 + 20 + 12) });
  });
});
