/** Flattened device tree blob → Scenario: readDtb's checks, then the shared DT interpreter. */
import type { Result } from '../../model/located.ts';
import type { Scenario } from '../../model/scenario.ts';
import { runParser } from '../common/failure.ts';
import { interpretDeviceTree } from '../devicetree/interpret.ts';
import { readDtb } from './readDtb.ts';

export function parseDtb(bytes: Uint8Array, source: string): Result<Scenario> {
  return runParser(source, () => interpretDeviceTree(readDtb(bytes, source), source, 'dtb'));
}
