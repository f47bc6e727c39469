// Distribution strategies as rankings of eligible reps (first = winner; the rest = who would be
// next). Every strategy ends in the round-robin key, then rep id, so there are no unbroken ties.
import type { RankingEntry } from '../decision.js';
import { toMs } from '../model/common.js';
import type { PoolState } from '../model/pool-state.js';
import type { Rep } from '../model/rep.js';
import type { Distribution, Strategy } from '../routing-config.js';
import { unitHash } from './hash.js';
import { freeCapacity } from './load.js';
import { startTag } from './weighted.js';

export interface RankContext {
  now: number;
  pool: PoolState;
  distribution: Distribution;
  /** leadId|seed|stepId: the input of deterministic randomness. */
  randomKey: string;
}

type Keyed = { rep: Rep; sort: number[]; keys: RankingEntry['keys'] };

/** Round robin: who waited longest (never assigned first), then the Lamport sequence, then id. */
export const roundRobinSort = (rep: Rep): number[] => [rep.lastAssignedAt === null ? Number.NEGATIVE_INFINITY : toMs(rep.lastAssignedAt), rep.lastAssignedSeq];
const rrKeys = (rep: Rep) => ({ lastAssignedAt: rep.lastAssignedAt, lastAssignedSeq: rep.lastAssignedSeq });
const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

export const weightOf = (rep: Rep, d: Distribution): number => (d.weightSource === 'performance' ? Math.max(rep.performanceScore, 0.001) : rep.weight);

function keyed(rep: Rep, strategy: Strategy, ctx: RankContext): Keyed {
  const rr = roundRobinSort(rep);
  switch (strategy) {
    case 'round_robin':
      return { rep, sort: rr, keys: rrKeys(rep) };
    case 'load_balancing': {
      const free = freeCapacity(rep);
      return { rep, sort: [-free, ...rr], keys: { freeCapacity: finite(free), ...rrKeys(rep) } };
    }
    case 'performance':
      return { rep, sort: [-rep.performanceScore, ...rr], keys: { performanceScore: rep.performanceScore, ...rrKeys(rep) } };
    case 'weighted_round_robin': {
      const s = startTag(ctx.pool, rep.id);
      return { rep, sort: [s, ...rr], keys: { startTag: s, weight: weightOf(rep, ctx.distribution), ...rrKeys(rep) } };
    }
    case 'random': {
      const u = unitHash(`${ctx.randomKey}|${rep.id}`);
      // Efraimidis-Spirakis: the smallest -ln(u)/w wins with probability proportional to w.
      const draw = ctx.distribution.weighted ? -Math.log(u) / rep.weight : u;
      return { rep, sort: [draw], keys: { draw } };
    }
  }
}

function compare(a: Keyed, b: Keyed): number {
  for (let i = 0; i < Math.max(a.sort.length, b.sort.length); i++) {
    const x = a.sort[i] ?? 0;
    const y = b.sort[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.rep.id < b.rep.id ? -1 : a.rep.id > b.rep.id ? 1 : 0;
}

export function rankReps(reps: readonly Rep[], strategy: Strategy, ctx: RankContext): RankingEntry[] {
  return reps
    .map((r) => keyed(r, strategy, ctx))
    .sort(compare)
    .map((k, i) => ({ repId: k.rep.id, position: i + 1, keys: k.keys }));
}

export const STRATEGY_LABELS: Readonly<Record<Strategy, string>> = {
  round_robin: 'round robin (waited longest)',
  weighted_round_robin: 'weighted round robin (fair share by weight)',
  load_balancing: 'load balancing (most free capacity, ties by round robin)',
  performance: 'performance (best score, ties by round robin)',
  random: 'random (deterministic from lead id and seed)',
};
