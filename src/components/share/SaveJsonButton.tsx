/** Save the open scenario (with the user's switches applied) as scenario JSON. */
import { appStore, useApp } from '../../store/appStore.ts';
import { effectiveScenario } from '../../store/scenarioSlice.ts';
import { saveScenarioAsJson } from '../../upload/saveScenario.ts';

export function saveCurrentScenario(): void {
  const { scenario, behaviour } = appStore.getState();
  if (scenario) saveScenarioAsJson(effectiveScenario(scenario, behaviour));
}

export function SaveJsonButton() {
  const has = useApp((s) => s.scenario !== null);
  return (
    <button type="button" onClick={saveCurrentScenario} disabled={!has}>
      Download scenario JSON
    </button>
  );
}
