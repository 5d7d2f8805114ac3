/**
 * Puts the map where a tour step points: opens the step's built-in platform (unless it is already
 * open), switches the policy, zooms to the step's range and selects (highlights) its item. Only
 * the latest call acts: a step left before its platform finished loading changes nothing.
 */
import { selectPolicyResult } from '../../store/analysisSlice.ts';
import { appStore } from '../../store/appStore.ts';
import { selectLanes } from '../../store/axisSelectors.ts';
import { loadPlatform, loadPlatformIndex } from '../../store/platformLoader.ts';
import { findHighlight, focusRange, type TourStep } from '../../teach/tourSteps.ts';

export type StepOutcome = 'shown' | 'superseded' | 'failed';

let latest = 0;

export async function applyTourStep(step: TourStep): Promise<StepOutcome> {
  const token = ++latest;
  if (appStore.getState().platforms.length === 0) await loadPlatformIndex(appStore);
  if (token !== latest) return 'superseded';
  const before = appStore.getState();
  const open = before.source?.kind === 'builtin' && before.source.id === step.platform && before.loadStatus.state === 'ready';
  if (!open) await loadPlatform(appStore, step.platform);
  if (token !== latest) return 'superseded';
  const s = appStore.getState();
  if (s.loadStatus.state !== 'ready' || s.source?.kind !== 'builtin' || s.source.id !== step.platform) return 'failed';
  s.setPolicy(step.policy);
  const focus = focusRange(step, selectPolicyResult(appStore.getState(), step.policy)?.window);
  if (focus) appStore.getState().fitRange(focus.start, focus.last);
  appStore.getState().select(findHighlight(step, selectLanes(appStore.getState())) ?? null);
  return 'shown';
}
