/**
 * Play, pause, step back and forward, speed and a position slider. While playing, one op is
 * applied per tick; the player pauses at the end.
 */
import { useEffect, useId } from 'react';
import type { TraceStepper } from '../../engine/traceStepper.ts';
import { SPEEDS, playerStore, usePlayer } from './playerStore.ts';

function usePlayback(length: number): void {
  const playing = usePlayer((s) => s.playing);
  const speed = usePlayer((s) => s.speed);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const s = playerStore.getState();
      if (s.position >= length) s.pause();
      else s.forward();
    }, 1000 / speed);
    return () => clearInterval(timer);
  }, [playing, speed, length]);
}

export function PlayerControls({ stepper }: { stepper: TraceStepper }) {
  const sliderId = useId();
  const speedId = useId();
  const position = usePlayer((s) => s.position);
  const playing = usePlayer((s) => s.playing);
  const speed = usePlayer((s) => s.speed);
  const follow = usePlayer((s) => s.follow);
  const p = playerStore.getState();
  const n = stepper.length;
  usePlayback(n);
  return (
    <div className="player-controls" role="group" aria-label="Playback">
      <button type="button" onClick={() => p.seek(0)} disabled={position === 0}>
        To start
      </button>
      <button type="button" onClick={p.back} disabled={position === 0}>
        Step back
      </button>
      {playing ? (
        <button type="button" onClick={p.pause}>
          Pause
        </button>
      ) : (
        <button type="button" onClick={p.play} disabled={n === 0}>
          Play
        </button>
      )}
      <button type="button" onClick={p.forward} disabled={position >= n}>
        Step forward
      </button>
      <label htmlFor={sliderId}>Position</label>
      <input
        id={sliderId}
        type="range"
        min={0}
        max={n}
        step={1}
        value={position}
        aria-valuetext={`after ${position} of ${n} ops`}
        onChange={(e) => p.seek(Number(e.target.value))}
      />
      <span className="mono" aria-hidden="true">
        {position}/{n}
      </span>
      <label htmlFor={speedId}>Speed</label>
      <select id={speedId} value={speed} onChange={(e) => p.setSpeed(Number(e.target.value))}>
        {SPEEDS.map((v) => (
          <option key={v} value={v}>
            {v} op/s
          </option>
        ))}
      </select>
      <label className="check">
        <input type="checkbox" checked={follow} onChange={(e) => p.setFollow(e.target.checked)} />
        Zoom to each op
      </label>
    </div>
  );
}
