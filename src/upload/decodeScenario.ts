/**
 * Decoding the worker's scenario JSON on the page with the shared codec, without freezing it: a
 * 50 MB /proc/iomem gives about a million physical ranges, several seconds of decoding in one go.
 * The physical map (the only list that grows that large and whose checks are per item) is decoded
 * a slice at a time, yielding to the page between slices; everything else is decoded once.
 */
import { scenarioFromValue } from '../model/codec.ts';
import type { Result } from '../model/located.ts';
import type { PhysRegion, Scenario } from '../model/scenario.ts';
import { PHYSICAL_SLICE } from './protocol.ts';

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function decodeScenario(
  value: unknown,
  source: string,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<Result<Scenario> | 'cancelled'> {
  const whole = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const phys = whole.physicalMap;
  if (!Array.isArray(phys) || phys.length <= PHYSICAL_SLICE) return scenarioFromValue(value, source);
  const rest = scenarioFromValue({ ...whole, physicalMap: [] }, source);
  if (!rest.ok) return rest;
  const empty = { iommus: [], hostBridges: [], msiControllers: [], devices: [], firmwareReservations: [] };
  const regions: PhysRegion[] = [];
  for (let i = 0; i < phys.length; i += PHYSICAL_SLICE) {
    onProgress(i, phys.length);
    await yieldToPage();
    if (signal.aborted) return 'cancelled';
    const slice = scenarioFromValue({ ...whole, ...empty, physicalMap: phys.slice(i, i + PHYSICAL_SLICE) }, source);
    // A slice's error would name the index within the slice: decode in one go for the exact place.
    if (!slice.ok) return scenarioFromValue(value, source);
    regions.push(...slice.value.physicalMap);
  }
  onProgress(phys.length, phys.length);
  return { ok: true, value: { ...rest.value, physicalMap: regions }, warnings: rest.warnings };
}
