/**
 * The part of the app state that undo/redo covers: every scenario edit (platform or upload,
 * behaviour switches, guest RAM, policy, the device studied, candidates). View, selection and
 * panels are not edits.
 */
import type { AppState } from '../store/appState.ts';

export type EditDoc = Pick<AppState, 'source' | 'scenario' | 'behaviour' | 'guestRamSize' | 'policy' | 'device' | 'candidates' | 'activeCandidate'>;

export function editDocOf(s: AppState): EditDoc {
  return {
    source: s.source,
    scenario: s.scenario,
    behaviour: s.behaviour,
    guestRamSize: s.guestRamSize,
    policy: s.policy,
    device: s.device,
    candidates: s.candidates,
    activeCandidate: s.activeCandidate,
  };
}

function sameBehaviour(a: EditDoc['behaviour'], b: EditDoc['behaviour']): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof EditDoc['behaviour'])[]);
  return [...keys].every((k) => a[k] === b[k]);
}

function sameCandidates(a: EditDoc['candidates'], b: EditDoc['candidates']): boolean {
  return a === b || (a.length === b.length && a.every((c, i) => c.id === b[i]!.id && c.base === b[i]!.base && c.size === b[i]!.size && c.alignment === b[i]!.alignment));
}

/**
 * Whether two documents differ by an edit. Which candidate is active is carried along (undo
 * restores it) but choosing one is not an edit; a move that snapped to the same base is none.
 */
export function sameEdit(a: EditDoc, b: EditDoc): boolean {
  return (
    a.source === b.source &&
    a.scenario === b.scenario &&
    a.guestRamSize === b.guestRamSize &&
    a.policy === b.policy &&
    a.device === b.device &&
    sameBehaviour(a.behaviour, b.behaviour) &&
    sameCandidates(a.candidates, b.candidates)
  );
}
