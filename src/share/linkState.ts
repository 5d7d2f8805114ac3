/**
 * Everything a link carries: enough to reopen exactly what the sender saw. Plain data with exact
 * BigInts (no store, no DOM), so the codec, the autosave and the tests share one definition.
 */
import type { PolicyId } from '../analysis/types.ts';
import type { Range } from '../engine/u64.ts';
import type { KernelBehaviour, Scenario } from '../model/scenario.ts';

/** Current link format; `#v<N>.` in the fragment. Older versions are migrated (migrations.ts). */
export const LINK_VERSION = 1;

/**
 * A built-in platform travels by id and version; an upload travels whole when the link stays
 * within budget, else only by name (`scenario` absent) and the user is offered the JSON file.
 */
export type LinkScenario =
  | { readonly kind: 'builtin'; readonly id: string; readonly version: number }
  | { readonly kind: 'upload'; readonly name: string; readonly scenario?: Scenario };

export interface LinkCandidate {
  readonly id: string;
  readonly base: bigint;
  readonly size: bigint;
  readonly alignment: bigint;
}

export interface LinkSelection {
  readonly lane: string;
  readonly key: string;
}

export interface LinkState {
  readonly scenario: LinkScenario;
  readonly policy: PolicyId;
  /** Device whose windows are judged; null = the analysis's first. */
  readonly device: string | null;
  /** Only the switches the user changed. */
  readonly behaviour: Partial<KernelBehaviour>;
  /** null = the scenario's own guest RAM. */
  readonly guestRamSize: bigint | null;
  readonly candidates: readonly LinkCandidate[];
  readonly activeCandidate: string | null;
  /** Addresses shown at the map's left and right edges (inclusive); null = the home fit. */
  readonly view: Range | null;
  readonly selection: LinkSelection | null;
  readonly compressed: boolean;
}

/** Behaviour switch names in their fixed order (also the order they are written in). */
export const BEHAVIOUR_KEYS = ['dtReservationsReachPci', 'forcedac', 'allowUnsafeInterrupts'] as const satisfies readonly (keyof KernelBehaviour)[];
