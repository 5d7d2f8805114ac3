/**
 * Case i of a target under a seed: the seeds themselves first, then a mix of mutations (70%),
 * truncations (15%) and noise (15%). A pure function of (target, seed, index).
 */
import { mutate, noise, truncate, type Mutated } from './mutate.ts';
import { mixSeed, Rng } from './random.ts';
import type { Seed } from './seeds.ts';
import type { FuzzTarget } from './targets.ts';

export interface FuzzCase extends Mutated {
  readonly index: number;
  /** The source name handed to the parser. */
  readonly source: string;
}

export class CaseMaker {
  private readonly seeds: readonly Seed[];

  constructor(
    private readonly target: FuzzTarget,
    private readonly seed: number,
  ) {
    this.seeds = target.seeds();
  }

  make(index: number): FuzzCase {
    const source = `fuzz-${this.target.id}-${this.seed}-${index}`;
    if (index < this.seeds.length) {
      const s = this.seeds[index]!;
      return { index, source, bytes: s.bytes, note: `seed ${s.name} as is` };
    }
    const rng = new Rng(mixSeed(this.seed, this.target.id, index));
    const roll = rng.next();
    if (roll < 0.15 || this.seeds.length === 0) return { index, source, ...noise(rng, this.target.dictionary) };
    const base = rng.pick(this.seeds);
    const others = this.seeds.filter((s) => s !== base).map((s) => s.bytes);
    const m = roll < 0.3 ? truncate(rng, base.bytes) : mutate(rng, base.bytes, { dictionary: this.target.dictionary, others });
    return { index, source, bytes: m.bytes, note: `${base.name}: ${m.note}` };
  }
}
