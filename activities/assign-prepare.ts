// Before any lock: read what a batch of assignLead calls needs in one round trip (a stored
// decision per event key, the lead, who counts it now, the configuration revision), then the
// routing, rule sets and accounts; and the pure `decide` both phases use.
import { ApplicationFailure } from '@temporalio/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadAccountChains } from '../db/assignment/accounts.js';
import type { Catalog } from '../db/assignment/catalog.js';
import { leadFromRow, ownerHistorySql, type LeadForRouting } from '../db/assignment/lead-facts.js';
import { ruleSetIdsOf, usesAccounts, type ActiveRouting } from '../db/assignment/routing.js';
import { tolerant } from '../db/assignment/explain.js';
import { evaluateRuleWith } from '../db/assignment/rule-sets.js';
import { isoOrNull, lit, rows, type Row } from '../db/assignment/sql.js';
import type { CompiledRuleSet } from '../rules/index.js';
import type { Account, Decision, PoolState, Rep } from '../rules/assignment/index.js';
import { decideAssignment } from '../rules/assignment/index.js';
import type { AssignmentContext } from './assignment-context.js';
import type { AssignLeadInput, AssignLeadResult } from './assignment-types.js';

/** One assignLead call waiting for its decision. */
export interface Pending {
  input: AssignLeadInput;
  resolve: (r: AssignLeadResult) => void;
  reject: (e: unknown) => void;
  attempts: number;
  /** Rows a previous attempt's fresh decision needed beyond its plan. */
  extraReps: string[];
  extraPools: string[];
}

export interface Prepared {
  pending: Pending;
  lead: LeadForRouting;
  holders: string[];
  routing: ActiveRouting;
  exclude: string[];
}

export interface BatchContext {
  catalog: Catalog;
  sets: Map<string, CompiledRuleSet>;
  missing: string[];
  accounts: Account[];
}

export interface StoredDecision {
  decisionId: string;
  routingVersion: number;
  result: AssignLeadResult;
}

export interface PreReadRow {
  stored: StoredDecision | undefined;
  lead: LeadForRouting | undefined;
  holders: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateInput(input: AssignLeadInput): void {
  const bad = [input.leadId, ...input.excludeRepIds, ...(input.specificRepId ? [input.specificRepId] : []), ...(input.specificTeamId ? [input.specificTeamId] : [])].find((id) => !UUID.test(id));
  if (bad !== undefined) throw ApplicationFailure.nonRetryable(`not a UUID: ${bad}`, 'InvalidAssignmentInput');
  if (!input.eventKey) throw ApplicationFailure.nonRetryable('eventKey is required', 'InvalidAssignmentInput');
  if (Number.isNaN(Date.parse(input.offerDeadline))) throw ApplicationFailure.nonRetryable(`offerDeadline is not an instant: ${input.offerDeadline}`, 'InvalidAssignmentInput');
}

/** One round trip for the whole batch, in input order. */
export async function preRead(em: EntityManager, inputs: readonly AssignLeadInput[]): Promise<{ revision: number; items: PreReadRow[] }> {
  const keys = inputs.map((i, ord) => ({ ord, event_key: i.eventKey, lead_id: i.leadId }));
  const found = await rows(
    em,
    `select k.ord,
       (select row_to_json(x) from (select id, outcome, winner_rep_id, queue_id, retry_at, summary, routing_version
          from assignment_decision where event_key = k.event_key) x) as stored,
       (select row_to_json(x) from (select l.*, ${ownerHistorySql('l')} from lead l where l.id = k.lead_id) x) as lead,
       (select coalesce(json_agg(o.rep_id order by o.rep_id), '[]'::json) from rep_open_lead o where o.lead_id = k.lead_id) as holders,
       (select revision from assignment_settings where id = 1) as revision
     from jsonb_to_recordset(${lit(keys)}::jsonb) as k(ord int, event_key text, lead_id uuid) order by k.ord`,
  );
  return {
    revision: Number(found[0]?.revision ?? 0),
    items: found.map((r) => ({
      stored: r.stored ? storedDecision(r.stored as Row) : undefined,
      lead: r.lead ? leadFromRow(r.lead as Row) : undefined,
      holders: (r.holders as string[] | null) ?? [],
    })),
  };
}

export function storedDecision(row: Row): StoredDecision {
  return {
    decisionId: String(row.id),
    routingVersion: Number(row.routing_version),
    result: {
      decisionId: String(row.id),
      outcome: row.outcome as AssignLeadResult['outcome'],
      repId: (row.winner_rep_id as string | null) ?? null,
      queueId: (row.queue_id as string | null) ?? null,
      retryAt: isoOrNull(row.retry_at),
      summary: String(row.summary),
    },
  };
}

/** Rule sets (once for the batch) and the accounts of leads whose routing is account-based. */
export async function batchContext(ctx: AssignmentContext, em: EntityManager, catalog: Catalog, items: readonly Prepared[]): Promise<BatchContext> {
  const ruleIds = [...new Set(items.flatMap((p) => ruleSetIdsOf(p.routing.config)))].sort();
  const { sets, missing } = await ctx.rules.load(ruleIds);
  if (missing.length > 0) ctx.logger.warn({ missing }, 'routing refers to rule sets that do not exist; they match nothing');
  const accountIds = [...new Set(items.flatMap((p) => (usesAccounts(p.routing.config) && p.lead.lead.accountId ? [p.lead.lead.accountId] : [])))];
  return { catalog, sets, missing, accounts: await loadAccountChains(em, accountIds) };
}

export function decideFor(b: BatchContext, p: Prepared, reps: Rep[], pools: PoolState[], now: string, explain: boolean): Decision {
  const evaluateRule = tolerant(evaluateRuleWith(b.sets, now, { explain, extra: p.lead.extra }), b.missing);
  return decideAssignment({
    lead: p.lead.lead,
    routing: p.routing.config,
    reps,
    teams: b.catalog.teams,
    territories: b.catalog.territories,
    accounts: b.accounts,
    pools,
    now,
    excludeRepIds: p.exclude,
    evaluateRule,
    seed: '',
  });
}

export function resultOf(decisionId: string, d: Decision): AssignLeadResult {
  const o = d.outcome;
  switch (o.kind) {
    case 'assigned': return { decisionId, outcome: 'offered', repId: o.repId, queueId: null, retryAt: null, summary: d.summary };
    case 'queued': return { decisionId, outcome: 'queued', repId: null, queueId: `${d.routingId}/${o.stepId}`, retryAt: o.retryAt, summary: d.summary };
    case 'hopper': return { decisionId, outcome: 'hopper', repId: null, queueId: null, retryAt: null, summary: d.summary };
    case 'default_queue': return { decisionId, outcome: 'default_queue', repId: null, queueId: o.teamId, retryAt: null, summary: d.summary };
  }
}

/** Manual reassignment to one rep: the active configuration's id and fallback, one specific-user step (no capacity filter). */
export function manualRouting(active: ActiveRouting, repId: string): ActiveRouting {
  return {
    ...active,
    config: {
      ...active.config,
      steps: [{
        id: 'manual',
        name: 'Manual reassignment to a specific rep',
        match: { kind: 'specific_user', repId },
        filters: { availability: { mode: 'ignore' }, capacity: false },
        distribution: { strategy: 'round_robin', weightSource: 'weight', weighted: false },
        whenUnavailable: 'continue',
      }],
    },
  };
}

/** Routing within one team (stale escalation): round robin among its members with room, else the hopper. */
export function teamRouting(active: ActiveRouting, teamId: string): ActiveRouting {
  return {
    ...active,
    config: {
      ...active.config,
      steps: [{
        id: 'team',
        name: 'Escalation to a team',
        match: { kind: 'team', teamId },
        filters: { availability: { mode: 'ignore' }, capacity: true },
        distribution: { strategy: 'round_robin', weightSource: 'weight', weighted: false },
        whenUnavailable: 'continue',
      }],
      fallback: { kind: 'hopper' },
    },
  };
}

/** The routing a call asks for: the active configuration, or a specific rep / team. */
export function routingFor(active: ActiveRouting, input: Pick<AssignLeadInput, 'specificRepId' | 'specificTeamId'>): ActiveRouting {
  if (input.specificRepId) return manualRouting(active, input.specificRepId);
  if (input.specificTeamId) return teamRouting(active, input.specificTeamId);
  return active;
}

export const sortedUnion = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])].sort();
