/**
 * The guided tour: a non-modal dialog beside the map with one step of the story at a time. Each
 * step moves the map (platform, policy, zoom, highlighted item) and names the kernel functions
 * involved. Back / Next / Close; Escape closes; the heading takes focus on every step so a screen
 * reader reads it, and the opener gets focus back on close (TeachBar).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useApp } from '../../store/appStore.ts';
import { POLICIES } from '../../store/uiSlice.ts';
import { TOUR_STEPS } from '../../teach/tourSteps.ts';
import { applyTourStep, type StepOutcome } from './applyTourStep.ts';

/**
 * Scrolls the page so the step's highlighted item is on screen (after React has drawn it). On a
 * narrow screen the tour is a sheet along the bottom; the page's scroll-padding (teach.css)
 * keeps the item above it.
 */
function revealSelectedMark(): void {
  document.querySelector('.map-wrap .mark.selected')?.scrollIntoView({ block: 'nearest' });
}

export function TourDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const [index, setIndex] = useState(0);
  const [outcome, setOutcome] = useState<StepOutcome | 'loading'>('loading');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const step = TOUR_STEPS[index]!;
  const last = index === TOUR_STEPS.length - 1;
  const platformName = useApp((s) => s.platforms.find((p) => p.id === step.platform)?.name ?? step.platform);
  const policyLabel = POLICIES.find((p) => p.id === step.policy)?.label ?? step.policy;

  useEffect(() => {
    let live = true;
    setOutcome('loading');
    void applyTourStep(step).then((o) => {
      if (!live || o === 'superseded') return;
      setOutcome(o);
      if (o === 'shown') requestAnimationFrame(revealSelectedMark);
    });
    headingRef.current?.focus();
    return () => {
      live = false;
    };
  }, [step]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <section className="tour" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <p className="tour-count">
        Learn · step {index + 1} of {TOUR_STEPS.length}
      </p>
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>
        {step.title}
      </h2>
      {step.paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      <h3>Kernel functions</h3>
      <ul className="tour-kernel">
        {step.kernel.map((k) => (
          <li key={k.name}>
            <code>{k.name}</code> <span className="muted">{k.where}</span>
          </li>
        ))}
      </ul>
      <p className="tour-status" aria-live="polite">
        {outcome === 'loading' && `Opening ${platformName}…`}
        {outcome === 'shown' && `The map shows ${platformName}, ${policyLabel} policy; the item this step is about is selected.`}
        {outcome === 'failed' && `Could not open ${platformName}: the map is unchanged.`}
      </p>
      <div className="tour-nav">
        <button type="button" onClick={() => setIndex(index - 1)} disabled={index === 0}>
          Back
        </button>
        <button type="button" onClick={() => (last ? onClose() : setIndex(index + 1))}>
          {last ? 'Finish' : 'Next'}
        </button>
        <button type="button" onClick={onClose} aria-label="Close the tour">
          Close
        </button>
      </div>
    </section>
  );
}
