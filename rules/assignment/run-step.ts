// One routing step: gate -> match -> filter -> (tier, availability bucket) -> distribute.
// Returns the step's trace and, when the step decides, its outcome and state changes.
import type { BucketTrace, Exclusion, LeadTeam, Outcome, StateChange, StepTrace } from './decision.js';
import { rankReps, STRATEGY_LABELS, weightOf } from './distribute/strategies.js';
import { checkEligibility } from './eligibility.js';
import type { EligibilityContext } from './eligibility.js';
import { TEMPORARY_EXCLUSIONS } from './exclusion-codes.js';
import type { MatchContext } from './match/candidates.js';
import { matchCandidates } from './match/candidates.js';
import { toIso, toMs } from './model/common.js';
import type { PoolState } from './model/pool-state.js';
import type { Rep } from './model/rep.js';
import type { RoutingStep, Strategy } from './routing-config.js';
import { assignedChange, poolAdvancedChange } from './state-changes.js';
import { availabilityBucket, bucketLabel, DAY_MS, nextAvailableAt } from './time/availability.js';

export interface StepContext extends MatchContext, EligibilityContext {
  pool: PoolState;
  randomKey: string;
}

export interface StepResult {
  trace: StepTrace;
  lockRepIds: string[];
  leadTeam?: LeadTeam;
  outcome?: Outcome;
  stateChanges: StateChange[];
}

export function runStep(step: RoutingStep, ctx: StepContext): StepResult {
  const trace: StepTrace = { stepId: step.id, ...(step.name ? { name: step.name } : {}), status: 'no_candidates', considered: [], exclusions: [], explanation: '' };
  const done = (extra: Partial<StepResult> = {}): StepResult => ({ trace, lockRepIds: trace.considered.filter((id) => ctx.repsById.has(id)), stateChanges: [], ...extra });

  if (step.when) {
    const r = ctx.evaluateRule(step.when.ruleSetId, { lead: ctx.lead });
    trace.gate = { ruleSetId: step.when.ruleSetId, matched: r.matched, explanation: r.explanation, ...(r.trace === undefined ? {} : { trace: r.trace }) };
    if (!r.matched) {
      trace.status = 'skipped';
      trace.explanation = `Skipped: rule set ${step.when.ruleSetId} did not accept the lead (${r.explanation}).`;
      return done();
    }
  }

  const match = matchCandidates(ctx, step.match);
  trace.matching = match.trace;
  trace.considered = [...new Set(match.trace.tiers.flatMap((t) => t.repIds))];
  const leadTeam = match.leadTeam;
  if (trace.considered.length === 0) {
    trace.explanation = `${match.trace.explanation} No candidates.`;
    return done({ ...(leadTeam ? { leadTeam } : {}) });
  }

  const el = checkEligibility(step, trace.considered, ctx);
  trace.exclusions = el.exclusions;
  const tier = match.trace.tiers.find((t) => t.repIds.some((id) => el.eligible.has(id)));
  if (!tier) return { ...done({ ...(leadTeam ? { leadTeam } : {}) }), ...noneEligible(step, trace, el.exclusions, ctx) };

  let pool = [...new Set(tier.repIds)].flatMap((id) => el.eligible.get(id) ?? []);
  const configured = step.distribution.strategy;
  let used: Strategy = configured;
  let reason = STRATEGY_LABELS[configured];
  if (step.filters.availability.mode === 'within_hours') {
    const buckets = bucketize(pool, el.nextAt, ctx.now);
    trace.buckets = buckets;
    const first = buckets[0];
    if (first) {
      for (const later of buckets.slice(1)) {
        for (const id of later.repIds) {
          trace.exclusions.push({ repId: id, code: 'later_availability_bucket', text: `${ctx.repsById.get(id)?.name ?? id} is available in ${later.label}; others are available in ${first.label}.` });
        }
      }
      pool = pool.filter((r) => first.repIds.includes(r.id));
      if (first.bucket > 0 && configured !== 'round_robin') {
        used = 'round_robin';
        reason = `Nobody is available now (0D empty): round robin supersedes ${configured.replaceAll('_', ' ')} within ${first.label}.`;
      }
    }
  }

  const ranking = rankReps(pool, used, { now: ctx.now, pool: ctx.pool, distribution: step.distribution, randomKey: ctx.randomKey });
  const winnerId = ranking[0]?.repId;
  const winner = winnerId === undefined ? undefined : ctx.repsById.get(winnerId);
  if (!winner) throw new Error('unreachable: a tier with eligible reps yields a winner');

  const known = trace.considered.flatMap((id) => ctx.repsById.get(id) ?? []);
  const seq = 1 + Math.max(0, ...known.map((r) => r.lastAssignedSeq));
  // Never move a winner's last assignment backwards relative to the others (clock skew between workers).
  const at = Math.max(ctx.now, ...known.map((r) => (r.lastAssignedAt === null ? 0 : toMs(r.lastAssignedAt))));
  const stateChanges: StateChange[] = [assignedChange(winner, at, seq)];
  if (used === 'weighted_round_robin') stateChanges.push(poolAdvancedChange(ctx.pool, winner.id, weightOf(winner, step.distribution)));

  trace.distribution = { configured, used, reason, ...(configured === 'weighted_round_robin' ? { poolId: ctx.pool.poolId } : {}), tier: tier.label, ranking };
  trace.status = 'assigned';
  trace.winnerRepId = winner.id;
  trace.explanation = `${match.trace.explanation} ${pool.length} eligible in ${tier.label}; ${winner.name} chosen by ${reason}.`;
  return { ...done({ ...(leadTeam ? { leadTeam } : {}) }), outcome: { kind: 'assigned', repId: winner.id, stepId: step.id }, stateChanges };
}

function bucketize(pool: readonly Rep[], nextAt: ReadonlyMap<string, number>, now: number): BucketTrace[] {
  const byBucket = new Map<number, string[]>();
  for (const r of pool) {
    const b = availabilityBucket(nextAt.get(r.id) ?? now, now);
    byBucket.set(b, [...(byBucket.get(b) ?? []), r.id]);
  }
  return [...byBucket.entries()].sort((a, b) => a[0] - b[0]).map(([bucket, repIds]) => ({ bucket, label: bucketLabel(bucket), repIds }));
}

function noneEligible(step: RoutingStep, trace: StepTrace, exclusions: readonly Exclusion[], ctx: StepContext): Partial<StepResult> {
  const temporary = exclusions.filter((e) => TEMPORARY_EXCLUSIONS.has(e.code));
  const counts = [...new Set(exclusions.map((e) => e.code))].map((c) => `${exclusions.filter((e) => e.code === c).length} ${c.replaceAll('_', ' ')}`).join(', ');
  if (temporary.length === 0 || step.whenUnavailable === 'continue') {
    trace.status = 'all_excluded';
    trace.explanation = `All ${exclusions.length} candidates excluded (${counts}).`;
    return {};
  }
  const reason = temporary.every((e) => e.code === 'at_capacity') ? 'at_capacity' : 'unavailable';
  const waits = temporary
    .filter((e) => e.code !== 'at_capacity')
    .flatMap((e) => {
      const rep = ctx.repsById.get(e.repId);
      const at = rep ? nextAvailableAt(rep, ctx.now, 14 * DAY_MS) : null;
      return at === null ? [] : [at];
    });
  const retryAt = waits.length > 0 ? toIso(Math.min(...waits)) : null;
  trace.status = 'queued';
  trace.explanation = `All candidates excluded (${counts}); the lead waits for this step's candidates${retryAt ? ` (next availability ${retryAt})` : ' until capacity frees'}.`;
  return { outcome: { kind: 'queued', stepId: step.id, reason, candidateRepIds: [...new Set(temporary.map((e) => e.repId))], retryAt } };
}
