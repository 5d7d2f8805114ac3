/**
 * The teaching entry points: the "Learn" button that starts the guided tour and the button that
 * opens the trace player. Renders the tour dialog and the player when they are open.
 */
import { useCallback, useRef, useState } from 'react';
import { playerStore, usePlayer } from './playerStore.ts';
import { TourDialog } from './TourDialog.tsx';
import { TracePlayer } from './TracePlayer.tsx';
import './teach.css';

export function TeachBar() {
  const [touring, setTouring] = useState(false);
  const learnRef = useRef<HTMLButtonElement>(null);
  const playerOpen = usePlayer((s) => s.open);
  const closeTour = useCallback(() => {
    setTouring(false);
    learnRef.current?.focus();
  }, []);
  return (
    <>
      <div className="teach-bar" role="group" aria-label="Teaching">
        <button ref={learnRef} type="button" className="learn" aria-expanded={touring} onClick={() => setTouring(true)}>
          Learn
        </button>
        <span className="muted">a guided tour of the SW_MSI story on this map</span>
        <button type="button" aria-expanded={playerOpen} aria-controls="trace-player" onClick={() => playerStore.getState().setOpen(!playerOpen)}>
          Trace player
        </button>
        <span className="muted">step through iova-trace/1 files and traces recorded from this scenario</span>
      </div>
      {playerOpen && <TracePlayer />}
      {touring && <TourDialog onClose={closeTour} />}
    </>
  );
}
