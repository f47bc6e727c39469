// The writes of a batch of assignment decisions as ONE statement (data-modifying CTEs), sent while
// the transaction holds the rep/pool row locks: the locked section is lock, decide, write, commit.
// Rows: the decisions (if any event key already has a decision, fewer rows come back and the
// caller rolls everything back), reps' final routing state, weighted pools, capacity reservations,
// the leads' read model, lead teams and territory teams, queue entries, and the audit events (the
// rows writeAuditEvent writes, inlined to save round trips under the locks). Values travel as
// bind parameters (decisions are large JSON), decisions in their compact stored form.
import type { EntityManager } from '@mikro-orm/postgresql';
import { compactDecision } from '../db/assignment/explain.js';
import { rowsBound } from '../db/assignment/sql.js';
import type { Decision, PoolState, Rep } from '../rules/assignment/index.js';
import { actorLabel } from '../workflows/messages.js';
import type { AssignLeadInput, AssignLeadResult } from './assignment-types.js';

export interface DecidedLead {
  decisionId: string;
  input: AssignLeadInput;
  decision: Decision;
  result: AssignLeadResult;
  /** Reps who counted this lead before (released by this decision unless they won it again). */
  holders: readonly string[];
  /** The lead's assignment fields before (audit). */
  leadBefore: Record<string, unknown>;
}

export interface BatchWrite {
  leads: readonly DecidedLead[];
  /** Locked reps as read, and their state after every decision of the batch. */
  repsBefore: ReadonlyMap<string, Rep>;
  repsAfter: readonly Rep[];
  poolsBefore: ReadonlyMap<string, PoolState>;
  poolsAfter: readonly PoolState[];
}

export class DuplicateDecision extends Error {
  constructor() {
    super('a decision for one of these event keys exists');
  }
}

const STATUS: Record<AssignLeadResult['outcome'], string> = { offered: 'Offered', queued: 'Queued', hopper: 'Hopper', default_queue: 'Queued' };
const AUDIT_ACTION: Record<AssignLeadResult['outcome'], string> = { offered: 'offered', queued: 'queued', hopper: 'hopper', default_queue: 'queued' };

export async function writeDecisions(em: EntityManager, b: BatchWrite): Promise<void> {
  const ctes: string[] = [];
  const params: string[] = [];
  /** `jsonb_to_recordset($n::jsonb) as v(<columns>)` with the items as one JSON parameter (json for the decisions: no binary conversion). */
  const recordset = (items: readonly object[], columns: string, fn: 'json' | 'jsonb' = 'jsonb'): string => {
    params.push(JSON.stringify(items));
    return `${fn}_to_recordset($${params.length}::${fn}) as v(${columns})`;
  };
  const L = b.leads;

  ctes.push(`d as (insert into assignment_decision (id, lead_id, event_key, reason, attempt, actor, routing_id, routing_version, outcome,
      winner_rep_id, queue_id, retry_at, summary, decision)
    select v.id, v.lead_id, v.event_key, v.reason, v.attempt, v.actor, v.routing_id, v.routing_version, v.outcome, v.winner_rep_id, v.queue_id,
      v.retry_at, v.summary, v.decision
    from ${recordset(L.map((x) => ({
      id: x.decisionId, lead_id: x.input.leadId, event_key: x.input.eventKey, reason: x.input.reason, attempt: x.input.attempt,
      actor: actorLabel(x.input.actor), routing_id: x.decision.routingId, routing_version: x.decision.routingVersion, outcome: x.result.outcome,
      winner_rep_id: x.result.repId, queue_id: x.result.queueId, retry_at: x.result.retryAt, summary: x.result.summary, decision: compactDecision(x.decision),
    })), `id uuid, lead_id uuid, event_key text, reason text, attempt int, actor text, routing_id text, routing_version int, outcome text,
      winner_rep_id uuid, queue_id text, retry_at timestamptz, summary text, decision json`, 'json')}
    on conflict (event_key) do nothing returning id)`);

  const changed = b.repsAfter.filter((r) => {
    const x = b.repsBefore.get(r.id);
    return x && (x.openLeadCount !== r.openLeadCount || x.lastAssignedAt !== r.lastAssignedAt || x.lastAssignedSeq !== r.lastAssignedSeq
      || JSON.stringify(x.rampLoad) !== JSON.stringify(r.rampLoad));
  });
  if (changed.length > 0) {
    ctes.push(`r as (update rep as r set open_lead_count = v.open, last_assigned_at = v.at, last_assigned_seq = v.seq, ramp_load = v.ramp
      from ${recordset(changed.map((r) => ({ id: r.id, open: r.openLeadCount, at: r.lastAssignedAt, seq: r.lastAssignedSeq, ramp: r.rampLoad })),
        'id uuid, open int, at timestamptz, seq bigint, ramp jsonb')} where r.id = v.id)`);
  }

  const poolTimes: { id: string; vt: number }[] = [];
  const poolTags: { pool_id: string; rep_id: string; tag: number }[] = [];
  for (const p of b.poolsAfter) {
    const x = b.poolsBefore.get(p.poolId);
    if (!x) continue;
    if (x.virtualTime !== p.virtualTime) poolTimes.push({ id: p.poolId, vt: p.virtualTime });
    for (const [rep, tag] of Object.entries(p.finishTags)) if (x.finishTags[rep] !== tag) poolTags.push({ pool_id: p.poolId, rep_id: rep, tag });
  }
  if (poolTimes.length > 0) {
    ctes.push(`pv as (update assignment_pool as p set virtual_time = v.vt, updated_at = now() from ${recordset(poolTimes, 'id text, vt bigint')} where p.id = v.id)`);
  }
  if (poolTags.length > 0) {
    ctes.push(`pm as (insert into assignment_pool_member (pool_id, rep_id, finish_tag) select v.pool_id, v.rep_id, v.tag
      from ${recordset(poolTags, 'pool_id text, rep_id uuid, tag bigint')} on conflict (pool_id, rep_id) do update set finish_tag = excluded.finish_tag)`);
  }

  // Capacity reservations: each winner counts its lead; whoever counted it before gives it up.
  const released = L.flatMap((x) => x.holders.filter((h) => h !== x.result.repId).map((h) => ({ lead_id: x.input.leadId, rep_id: h })));
  if (released.length > 0) {
    ctes.push(`rel as (delete from rep_open_lead o using ${recordset(released, 'lead_id uuid, rep_id uuid')} where o.lead_id = v.lead_id and o.rep_id = v.rep_id)`);
  }
  const reserved = L.filter((x) => x.result.repId).map((x) => ({ lead_id: x.input.leadId, rep_id: x.result.repId }));
  if (reserved.length > 0) {
    ctes.push(`res as (insert into rep_open_lead (lead_id, rep_id, origin) select v.lead_id, v.rep_id, 'offer'
      from ${recordset(reserved, 'lead_id uuid, rep_id uuid')} on conflict do nothing)`);
  }

  ctes.push(`l as (update lead as l set assignment_status = v.status, offered_to_id = v.offered_to, offer_deadline = v.deadline,
      attempts = coalesce(v.attempts, l.attempts), updated_at = now()
    from ${recordset(L.map((x) => {
      const offered = x.result.outcome === 'offered';
      return { id: x.input.leadId, status: STATUS[x.result.outcome], offered_to: offered ? x.result.repId : null, deadline: offered ? x.input.offerDeadline : null, attempts: offered ? x.input.attempt : null };
    }), 'id uuid, status text, offered_to uuid, deadline timestamptz, attempts int')} where l.id = v.id)`);

  ctes.push(...leadTeamCtes(L, recordset));

  const queued = L.flatMap((x) => (x.decision.outcome.kind === 'queued' ? [{
    lead_id: x.input.leadId, queue_id: x.result.queueId, candidates: x.decision.outcome.candidateRepIds, retry_at: x.decision.outcome.retryAt, decision_id: x.decisionId,
  }] : []));
  if (queued.length > 0) {
    // A lead that waits again keeps its place in line (queued_at of its first wait).
    ctes.push(`qi as (insert into assignment_queue_entry (lead_id, queue_id, candidate_rep_ids, retry_at, decision_id)
      select v.lead_id, v.queue_id, v.candidates, v.retry_at, v.decision_id
      from ${recordset(queued, 'lead_id uuid, queue_id text, candidates jsonb, retry_at timestamptz, decision_id uuid')}
      on conflict (lead_id) do update set queue_id = excluded.queue_id, candidate_rep_ids = excluded.candidate_rep_ids,
        retry_at = excluded.retry_at, decision_id = excluded.decision_id, signalled_at = null)`);
  }
  const unqueued = L.filter((x) => x.decision.outcome.kind !== 'queued').map((x) => ({ lead_id: x.input.leadId }));
  if (unqueued.length > 0) {
    ctes.push(`qd as (delete from assignment_queue_entry q using ${recordset(unqueued, 'lead_id uuid')} where q.lead_id = v.lead_id)`);
  }

  ctes.push(`a as (insert into audit_event (event_key, lead_id, action, actor, reason, before, after, trace)
    select v.event_key, v.lead_id, v.action, v.actor, v.reason, v.before, v.after, v.trace
    from ${recordset(L.map((x) => ({
      event_key: x.input.eventKey, lead_id: x.input.leadId, action: AUDIT_ACTION[x.result.outcome], actor: actorLabel(x.input.actor), reason: x.input.reason,
      before: x.leadBefore,
      after: {
        assignmentStatus: STATUS[x.result.outcome], offeredToId: x.result.repId, offerDeadline: x.result.outcome === 'offered' ? x.input.offerDeadline : null,
        queueId: x.result.queueId, retryAt: x.result.retryAt, attempt: x.input.attempt,
      },
      trace: { decisionId: x.decisionId, summary: x.result.summary, outcome: x.decision.outcome },
    })), 'event_key text, lead_id uuid, action text, actor text, reason text, before jsonb, after jsonb, trace jsonb')}
    on conflict (event_key) do nothing)`);

  const [row] = await rowsBound(em, `with ${ctes.join(',\n')} select (select count(*) from d)::int as inserted`, params);
  if (!row || Number(row.inserted) !== L.length) throw new DuplicateDecision();
}

/** Territory teams and lead teams (territory members get Full access). */
function leadTeamCtes(L: readonly DecidedLead[], recordset: (items: readonly object[], columns: string) => string): string[] {
  const out: string[] = [];
  const members: { lead_id: string; rep_id: string; access: string; origin: string; territory_id: string | null }[] = [];
  const territories: { lead_id: string; territory_id: string }[] = [];
  const realign: { lead_id: string; keep_territories: string[]; keep_reps: string[] }[] = [];
  for (const x of L) {
    const leadId = x.input.leadId;
    const { leadTeam } = x.decision;
    // Territory members join the lead team (Full access, seeds); the offered rep does not: their
    // access comes from the lead row while the offer lasts (and as owner once they accept).
    const mine: (typeof members)[number][] = leadTeam.members.map((m) => ({ lead_id: leadId, rep_id: m.repId, access: m.access, origin: 'territory', territory_id: m.territoryId }));
    members.push(...mine);
    territories.push(...leadTeam.territoryIds.map((t) => ({ lead_id: leadId, territory_id: t })));
    if (x.input.reason === 'realign' && x.decision.steps.some((s) => s.matching?.kind === 'territory')) {
      realign.push({ lead_id: leadId, keep_territories: leadTeam.territoryIds, keep_reps: mine.map((m) => m.rep_id) });
    }
  }
  if (realign.length > 0) {
    // Realignment replaces the territory team with the territories that match now.
    out.push(`tdel as (delete from lead_territory t using ${recordset(realign, 'lead_id uuid, keep_territories jsonb, keep_reps jsonb')}
      where t.lead_id = v.lead_id and not (v.keep_territories @> to_jsonb(t.territory_id::text)))`);
    out.push(`mdel as (delete from lead_team_member m using ${recordset(realign, 'lead_id uuid, keep_territories jsonb, keep_reps jsonb')}
      where m.lead_id = v.lead_id and m.origin = 'territory' and not (v.keep_reps @> to_jsonb(m.rep_id::text)))`);
  }
  if (territories.length > 0) {
    out.push(`tins as (insert into lead_territory (lead_id, territory_id) select v.lead_id, v.territory_id
      from ${recordset(territories, 'lead_id uuid, territory_id uuid')} on conflict do nothing)`);
  }
  if (members.length > 0) {
    // Members keep the best access they were given (Full > Edit > View only).
    out.push(`mins as (insert into lead_team_member (lead_id, rep_id, access_level, origin, territory_id)
      select v.lead_id, v.rep_id, v.access, v.origin, v.territory_id
      from ${recordset(members, 'lead_id uuid, rep_id uuid, access text, origin text, territory_id uuid')}
      on conflict (lead_id, rep_id) do update set access_level = excluded.access_level, origin = excluded.origin, territory_id = excluded.territory_id
        where lead_team_member.access_level <> 'Full' and excluded.access_level = 'Full')`);
  }
  return out;
}
