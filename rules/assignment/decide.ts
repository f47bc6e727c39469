// decideAssignment: the whole routing decision for one lead, as a pure function of configuration,
// fresh state and `now`. The caller locks decision.lockSet, re-decides on the locked rows, and
// persists decision.stateChanges plus the decision itself in the same transaction.
import type { Decision, LeadTeam, Outcome, StateChange, StepTrace } from './decision.js';
import type { EvaluateRule } from './evaluate-rule.js';
import type { Account } from './model/account.js';
import { toIso, toMs } from './model/common.js';
import type { AssignmentLead } from './model/lead.js';
import type { PoolState } from './model/pool-state.js';
import { emptyPoolState } from './model/pool-state.js';
import type { Rep } from './model/rep.js';
import type { Team } from './model/team.js';
import type { Territory } from './model/territory.js';
import type { RoutingConfig } from './routing-config.js';
import { poolIdOf } from './routing-config.js';
import { runStep } from './run-step.js';

export interface DecideInput {
  lead: AssignmentLead;
  routing: RoutingConfig;
  reps: readonly Rep[];
  teams?: readonly Team[];
  territories?: readonly Territory[];
  accounts?: readonly Account[];
  /** Weighted pools' state; a missing pool starts empty. */
  pools?: readonly PoolState[];
  /** ISO instant of the decision (workflow time or transaction time). */
  now: string;
  /** Reps who already had this lead in this round (reassignment), or are otherwise barred. */
  excludeRepIds?: readonly string[];
  evaluateRule?: EvaluateRule;
  /** Seed for deterministic "random" distribution (default ''). */
  seed?: string;
}

const noRules: EvaluateRule = (ruleSetId) => {
  throw new Error(`Routing uses rule set ${ruleSetId} but no evaluateRule was provided`);
};

export function decideAssignment(input: DecideInput): Decision {
  const now = toMs(input.now);
  const seed = input.seed ?? '';
  const repsById = new Map(input.reps.map((r) => [r.id, r]));
  const poolsById = new Map((input.pools ?? []).map((p) => [p.poolId, p]));
  const base = {
    lead: input.lead,
    now,
    reps: input.reps,
    repsById,
    teamsById: new Map((input.teams ?? []).map((t) => [t.id, t])),
    territories: input.territories ?? [],
    accountsById: new Map((input.accounts ?? []).map((a) => [a.id, a])),
    excluded: new Set(input.excludeRepIds ?? []),
    evaluateRule: input.evaluateRule ?? noRules,
  };

  const steps: StepTrace[] = [];
  const lockReps = new Set<string>();
  const lockPools = new Set<string>();
  const leadTeam: LeadTeam = { territoryIds: [], members: [] };
  let outcome: Outcome | undefined;
  let stateChanges: StateChange[] = [];

  for (const step of input.routing.steps) {
    const poolId = poolIdOf(input.routing, step);
    const result = runStep(step, { ...base, pool: poolsById.get(poolId) ?? emptyPoolState(poolId), randomKey: `${input.lead.id}|${seed}|${step.id}` });
    steps.push(result.trace);
    result.lockRepIds.forEach((id) => lockReps.add(id));
    if (step.distribution.strategy === 'weighted_round_robin' && result.trace.status !== 'skipped' && result.trace.considered.length > 0) lockPools.add(poolId);
    if (result.leadTeam) mergeLeadTeam(leadTeam, result.leadTeam);
    if (result.outcome) {
      outcome = result.outcome;
      stateChanges = result.stateChanges;
      break;
    }
  }

  outcome ??= fallbackOutcome(input.routing, steps);
  return {
    leadId: input.lead.id,
    routingId: input.routing.id,
    routingVersion: input.routing.version,
    decidedAt: toIso(now),
    seed,
    outcome,
    steps,
    leadTeam,
    stateChanges,
    lockSet: { repIds: [...lockReps].sort(), poolIds: [...lockPools].sort() },
    summary: summarize(outcome, steps, repsById),
  };
}

function fallbackOutcome(routing: RoutingConfig, steps: readonly StepTrace[]): Outcome {
  const tried = steps.map((s) => `${s.stepId}: ${s.status.replaceAll('_', ' ')}`).join('; ');
  const reason = steps.length === 0 ? 'No routing steps.' : `No step produced an eligible candidate (${tried}).`;
  return routing.fallback.kind === 'hopper' ? { kind: 'hopper', reason } : { kind: 'default_queue', teamId: routing.fallback.teamId, reason };
}

function mergeLeadTeam(into: LeadTeam, add: LeadTeam): void {
  for (const id of add.territoryIds) if (!into.territoryIds.includes(id)) into.territoryIds.push(id);
  for (const m of add.members) if (!into.members.some((x) => x.repId === m.repId)) into.members.push(m);
}

function summarize(outcome: Outcome, steps: readonly StepTrace[], reps: ReadonlyMap<string, Rep>): string {
  switch (outcome.kind) {
    case 'assigned': {
      const step = steps.find((s) => s.stepId === outcome.stepId);
      return `Assigned to ${reps.get(outcome.repId)?.name ?? outcome.repId} by step ${outcome.stepId}${step?.distribution ? ` (${step.distribution.reason})` : ''}.`;
    }
    case 'queued':
      return `Queued at step ${outcome.stepId}: ${outcome.reason === 'at_capacity' ? 'every candidate is at capacity' : 'no candidate is available'}${outcome.retryAt ? `; retry at ${outcome.retryAt}` : ''}.`;
    case 'hopper':
      return `Sent to the hopper. ${outcome.reason}`;
    case 'default_queue':
      return `Sent to default queue ${outcome.teamId}. ${outcome.reason}`;
  }
}
