// POST /assignment/simulate: route hypothetical leads against the current reps, teams,
// territories and pools (or a routing configuration from the request) with simulateAssignments,
// in memory: reads only, nothing is written.
import type { z } from 'zod';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { accountForCapture } from '../../../activities/accounts.js';
import { deriveLeadValues, planLeadPipeline, type LeadPipelinePlan } from '../../../activities/lead-pipeline.js';
import type { LeadFactsRow } from '../../../db/lead-facts.js';
import { loadActiveStages } from '../../../db/rule-set-store.js';
import { loadAccountChains } from '../../../db/assignment/accounts.js';
import { loadCatalog } from '../../../db/assignment/catalog.js';
import { describeUnavailable, tolerant } from '../../../db/assignment/explain.js';
import { ruleSetIdsOf } from '../../../db/assignment/routing.js';
import { evaluateRuleWith, RuleSetCompiler, type RuleSetLoader } from '../../../db/assignment/rule-sets.js';
import { poolFromRows } from '../../../db/assignment/rows.js';
import { lit, rows } from '../../../db/assignment/sql.js';
import type { AssignmentLead, Decision, PoolState } from '../../../rules/assignment/index.js';
import { poolIdOf, simulateAssignments } from '../../../rules/assignment/index.js';
import type { simulateBody, simulateResponse } from '../../schemas/assignment.js';
import { checkRoutingReferences } from './routing-config.js';

export type SimulateBody = z.output<typeof simulateBody>;

const OUTCOME: Record<Decision['outcome']['kind'], 'offered' | 'queued' | 'hopper' | 'default_queue'> = {
  assigned: 'offered', queued: 'queued', hopper: 'hopper', default_queue: 'default_queue',
};

export async function simulate(orm: MikroORM, body: SimulateBody, ruleSets: RuleSetLoader, now = new Date()): Promise<z.input<typeof simulateResponse>> {
  const em = orm.em.fork();
  const catalog = await loadCatalog(em);
  const routing = body.routing ? { ...body.routing, version: catalog.routing.version } : catalog.routing.config;
  if (body.routing) await checkRoutingReferences(em, body.routing, ruleSets, ['routing']);
  const start = body.now ? Date.parse(body.now) : now.getTime();
  // The pipeline a capture runs (the active stages), for leads given without their derived values.
  const plan = planLeadPipeline(await loadActiveStages(em));
  const leads: { lead: AssignmentLead; now: string }[] = [];
  const facts = new Map<AssignmentLead, SimulatedFacts>();
  for (const [i, l] of body.leads.entries()) {
    const base = await factsFor(em, plan, l, new Date(l.at ? Date.parse(l.at) : start));
    for (let k = 0; k < l.repeat; k++) {
      const n = leads.length;
      const id = `${l.id ?? `lead-${i + 1}`}${l.repeat > 1 ? `#${k + 1}` : ''}`;
      const at = new Date((l.at ? Date.parse(l.at) : start) + n).toISOString();
      const lead: AssignmentLead = { id, attributes: base.attributes, ...(base.accountId ? { accountId: base.accountId } : {}), previousOwnerIds: l.previousOwnerIds };
      leads.push({ lead, now: at });
      facts.set(lead, { ...base, createdAt: l.at ?? at });
    }
  }
  const weighted = routing.steps.filter((s) => s.distribution.strategy === 'weighted_round_robin').map((s) => poolIdOf(routing, s));
  const pools: PoolState[] = weighted.length === 0 ? [] : (await rows(em, `select p.id, p.virtual_time, (select coalesce(json_agg(json_build_object('rep_id', m.rep_id, 'finish_tag', m.finish_tag)), '[]'::json)
      from assignment_pool_member m where m.pool_id = p.id) as members from assignment_pool p where p.id in (select jsonb_array_elements_text(${lit(weighted)}::jsonb))`))
    .map((p) => poolFromRows(String(p.id), p, p.members as never));
  const accounts = await loadAccountChains(em, [...new Set([...facts.values()].flatMap((f) => (f.accountId ? [f.accountId] : [])))]);
  const { sets, missing } = await new RuleSetCompiler(ruleSets).load(ruleSetIdsOf(routing));
  const reps = [...catalog.reps.values()].map((r) => r.rep);
  const result = simulateAssignments({
    routing, reps, teams: catalog.teams, territories: catalog.territories, accounts, pools, leads,
    excludeRepIds: body.excludeRepIds,
    // The facts real routing gives rules besides the attributes (db/assignment/lead-facts.ts).
    evaluateRule: tolerant(evaluateRuleWith(sets, new Date(start).toISOString(), { explain: true, extra: (lead) => extraFacts(facts.get(lead)) }), missing),
  });
  const full = (body.detail ?? (leads.length <= 100 ? 'full' : 'summary')) === 'full';
  const outcomes: Record<string, number> = { offered: 0, queued: 0, hopper: 0, default_queue: 0 };
  const byId = new Map(leads.map((l) => [l.lead.id, facts.get(l.lead)!]));
  const decisions = result.decisions.map((raw) => {
    const d = describeUnavailable(raw, catalog.reps);
    const outcome = OUTCOME[d.outcome.kind];
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    const f = byId.get(d.leadId)!;
    return {
      leadId: d.leadId, outcome, repId: d.outcome.kind === 'assigned' ? d.outcome.repId : null, summary: d.summary,
      facts: { status: f.status, qualified: f.qualified, rank: f.rank, score: f.score, source: f.source, accountId: f.accountId },
      ...(full ? { decision: d } : {}),
    };
  });
  const after = new Map(result.reps.map((r) => [r.id, r.openLeadCount]));
  return {
    routing: { id: routing.id, version: routing.version },
    decisions,
    outcomes,
    tally: result.tally,
    reps: reps.filter((r) => result.tally[r.id] !== undefined).map((r) => ({ id: r.id, name: r.name, openLeadCount: { before: r.openLeadCount, after: after.get(r.id) ?? r.openLeadCount } })),
  };
}

interface SimulatedFacts {
  attributes: AssignmentLead['attributes'];
  status: string;
  qualified: boolean;
  rank: string | null;
  score: number | null;
  source: string | null;
  accountId: string | null;
  createdAt?: string;
}

/**
 * A simulated lead as routing would see it once captured: derived values given, or computed by
 * the active pipeline from the attributes (as capture does); the account the capture would match.
 */
async function factsFor(em: EntityManager, plan: LeadPipelinePlan, l: SimulateBody['leads'][number], at: Date): Promise<SimulatedFacts> {
  const { score, rank, qualified, status, source, origSystemReference: _ref, ...attributes } = l.attributes;
  const derived = score !== undefined && rank !== undefined && qualified !== undefined
    ? null
    : deriveLeadValues(plan, { ...attributes, custom: attributes.custom ?? {}, id: l.id ?? '00000000-0000-0000-0000-000000000000', createdAt: at, ...(source ? { source } : {}) } as LeadFactsRow, at).after;
  const q = qualified ?? derived?.qualified ?? false;
  const r = rank !== undefined ? rank : derived?.rank ?? null;
  const sc = score !== undefined ? score : derived?.score ?? null;
  const accountId = l.accountId ?? (await accountForCapture(em, attributes)) ?? null;
  const routed: Record<string, unknown> = { ...attributes, qualified: q, ...(r !== null ? { rank: r } : {}), ...(sc !== null ? { score: sc } : {}) };
  return {
    attributes: routed as AssignmentLead['attributes'],
    status: status ?? derived?.status ?? (q ? 'Qualified' : 'Unqualified'),
    qualified: q, rank: r, score: sc, source: source ?? null, accountId,
  };
}

function extraFacts(f: SimulatedFacts | undefined): Record<string, unknown> | undefined {
  if (!f) return undefined;
  return { status: f.status, ...(f.source ? { source: f.source } : {}), ...(f.createdAt ? { createdAt: f.createdAt } : {}), assignmentStatus: 'Unassigned', ownerId: null };
}
