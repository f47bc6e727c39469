// POST /assignment/simulate: route hypothetical leads against the current reps, teams,
// territories and pools (or a routing configuration from the request) with simulateAssignments,
// in memory: reads only, nothing is written.
import type { z } from 'zod';
import type { MikroORM } from '@mikro-orm/postgresql';
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
  const leads: { lead: AssignmentLead; now: string }[] = [];
  body.leads.forEach((l, i) => {
    for (let k = 0; k < l.repeat; k++) {
      const n = leads.length;
      const id = `${l.id ?? `lead-${i + 1}`}${l.repeat > 1 ? `#${k + 1}` : ''}`;
      leads.push({
        lead: { id, attributes: l.attributes, ...(l.accountId ? { accountId: l.accountId } : {}), previousOwnerIds: l.previousOwnerIds },
        now: new Date((l.at ? Date.parse(l.at) : start) + n).toISOString(),
      });
    }
  });
  const weighted = routing.steps.filter((s) => s.distribution.strategy === 'weighted_round_robin').map((s) => poolIdOf(routing, s));
  const pools: PoolState[] = weighted.length === 0 ? [] : (await rows(em, `select p.id, p.virtual_time, (select coalesce(json_agg(json_build_object('rep_id', m.rep_id, 'finish_tag', m.finish_tag)), '[]'::json)
      from assignment_pool_member m where m.pool_id = p.id) as members from assignment_pool p where p.id in (select jsonb_array_elements_text(${lit(weighted)}::jsonb))`))
    .map((p) => poolFromRows(String(p.id), p, p.members as never));
  const accounts = await loadAccountChains(em, [...new Set(body.leads.flatMap((l) => (l.accountId ? [l.accountId] : [])))]);
  const { sets, missing } = await new RuleSetCompiler(ruleSets).load(ruleSetIdsOf(routing));
  const reps = [...catalog.reps.values()].map((r) => r.rep);
  const result = simulateAssignments({
    routing, reps, teams: catalog.teams, territories: catalog.territories, accounts, pools, leads,
    excludeRepIds: body.excludeRepIds,
    evaluateRule: tolerant(evaluateRuleWith(sets, new Date(start).toISOString(), { explain: true }), missing),
  });
  const full = (body.detail ?? (leads.length <= 100 ? 'full' : 'summary')) === 'full';
  const outcomes: Record<string, number> = { offered: 0, queued: 0, hopper: 0, default_queue: 0 };
  const decisions = result.decisions.map((raw) => {
    const d = describeUnavailable(raw, catalog.reps);
    const outcome = OUTCOME[d.outcome.kind];
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    return { leadId: d.leadId, outcome, repId: d.outcome.kind === 'assigned' ? d.outcome.repId : null, summary: d.summary, ...(full ? { decision: d } : {}) };
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
