/** Saving a scenario as a scenario JSON file (the codec's stable text), which opens again as an upload. */
import { scenarioToJsonText } from '../model/codec.ts';
import type { Scenario } from '../model/scenario.ts';

/** A safe download name: the scenario's name with anything unusual replaced, ending in .json. */
export function jsonFileName(name: string): string {
  const base = name.replace(/[^\w.+-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'scenario';
  return base.endsWith('.json') ? base : `${base}.json`;
}

export function saveScenarioAsJson(scenario: Scenario): void {
  const url = URL.createObjectURL(new Blob([scenarioToJsonText(scenario)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = jsonFileName(scenario.name);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
