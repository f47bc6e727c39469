// Realign with territories: each selected open lead's territories are recomputed with the
// assignment engine's territory matching (the territory steps of the active routing
// configuration whose gate accepts the lead: mappings, rule filter, most specific only) and
// replace its territory team (lead_territory, and territory members and owners on the lead team
// with Full access), in bulk per page. Leads whose territories changed get a
// `territories_realigned` audit event; those nobody owns are asked to route again (`realign`).
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { leadFromRow, ownerHistorySql } from '../../db/assignment/lead-facts.js';
import { loadCatalog } from '../../db/assignment/catalog.js';
import { tolerant } from '../../db/assignment/explain.js';
import { evaluateRuleWith, RuleSetCompiler, storedRuleSetLoader } from '../../db/assignment/rule-sets.js';
import { ruleSetIdsOf } from '../../db/assignment/routing.js';
import { rawQuery, rawRows } from '../../db/raw-sql.js';
import { matchTerritories, type LeadTeam, type RoutingStep, type Territory } from '../../rules/assignment/index.js';
import { assignmentSkipReason } from './assign.js';
import type { LeadOutcome, PageEvaluator, RunDefinition } from './types.js';

type TerritoryStep = RoutingStep & { match: Extract<RoutingStep['match'], { kind: 'territory' }> };

/** The run cannot realign (no territory step in the active routing configuration). */
export class NoTerritoryStep extends Error {}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

async function currentTerritories(em: EntityManager, leadIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await rawRows<{ lead_id: string; territory_id: string }>(em, 'select "lead_id", "territory_id" from "lead_territory" where "lead_id" = any($1::uuid[]) order by "territory_id"', [leadIds]);
  const out = new Map<string, string[]>();
  for (const r of rows) (out.get(r.lead_id) ?? out.set(r.lead_id, []).get(r.lead_id)!).push(r.territory_id);
  return out;
}

async function routingRows(em: EntityManager, leadIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const rows = await rawRows(
    em,
    `select l.*, ${ownerHistorySql('l')} from lead l where l.id = any($1::uuid[])`,
    [leadIds],
  );
  return new Map(rows.map((r) => [String(r['id']), r]));
}

interface RealignWrite { team: LeadTeam }

/** Replaces the territory teams of the changed leads (the same statements as a realignment decision). */
async function replaceTeams(em: EntityManager, outcomes: readonly LeadOutcome[]): Promise<void> {
  const teamOf = (o: LeadOutcome) => (o.payload as RealignWrite).team;
  const keep = outcomes.map((o) => ({ lead_id: o.leadId, keep: teamOf(o).territoryIds, keep_reps: teamOf(o).members.map((m) => m.repId) }));
  const territories = outcomes.flatMap((o) => teamOf(o).territoryIds.map((t) => ({ lead_id: o.leadId, territory_id: t })));
  const members = outcomes.flatMap((o) => teamOf(o).members.map((m) => ({ lead_id: o.leadId, rep_id: m.repId, access: m.access, territory_id: m.territoryId })));
  await rawQuery(em, `delete from "lead_territory" t using jsonb_to_recordset($1::jsonb) as v(lead_id uuid, keep jsonb)
                       where t."lead_id" = v.lead_id and not (v.keep @> to_jsonb(t."territory_id"::text))`, [JSON.stringify(keep)]);
  await rawQuery(em, `delete from "lead_team_member" m using jsonb_to_recordset($1::jsonb) as v(lead_id uuid, keep_reps jsonb)
                       where m."lead_id" = v.lead_id and m."origin" = 'territory' and not (v.keep_reps @> to_jsonb(m."rep_id"::text))`, [JSON.stringify(keep)]);
  if (territories.length > 0) {
    await rawQuery(em, `insert into "lead_territory" ("lead_id", "territory_id") select v.lead_id, v.territory_id
                          from jsonb_to_recordset($1::jsonb) as v(lead_id uuid, territory_id uuid) on conflict do nothing`, [JSON.stringify(territories)]);
  }
  if (members.length > 0) {
    // Members keep the best access they were given (Full > Edit > View only), as in assignment decisions.
    await rawQuery(em, `insert into "lead_team_member" ("lead_id", "rep_id", "access_level", "origin", "territory_id")
                        select v.lead_id, v.rep_id, v.access, 'territory', v.territory_id from jsonb_to_recordset($1::jsonb) as v(lead_id uuid, rep_id uuid, access text, territory_id uuid)
                        on conflict ("lead_id", "rep_id") do update set "access_level" = excluded."access_level", "origin" = excluded."origin", "territory_id" = excluded."territory_id"
                          where "lead_team_member"."access_level" <> 'Full' and excluded."access_level" = 'Full'`, [JSON.stringify(members)]);
  }
}

export async function realignEvaluator(em: EntityManager, orm: MikroORM, def: RunDefinition, asOf: Date): Promise<PageEvaluator> {
  const catalog = await loadCatalog(em);
  const steps = catalog.routing.config.steps.filter((s): s is TerritoryStep => s.match.kind === 'territory');
  if (steps.length === 0) throw new NoTerritoryStep('the active routing configuration has no territory step: there is nothing to realign with');
  // Gates and territory filters: the rule sets routing uses (their latest versions), compiled once per call.
  const { sets, missing } = await new RuleSetCompiler(storedRuleSetLoader(orm)).load(ruleSetIdsOf({ steps }));
  const now = asOf.toISOString();
  const territories: readonly Territory[] = catalog.territories;

  return {
    locksLeads: true,
    auditAction: 'territories_realigned',
    async evaluate(rows, _asOf, pageEm) {
      const ids = rows.map((r) => String(r['id']));
      const [routing, current] = await Promise.all([routingRows(pageEm, ids), currentTerritories(pageEm, ids)]);
      return rows.map((row): LeadOutcome => {
        const leadId = String(row['id']);
        try {
          const status = String(row['status']);
          if (status === 'Converted' || status === 'Retired') return { leadId, outcome: 'skipped', before: null, after: null, message: `the lead is ${status}` };
          const { lead, extra } = leadFromRow(routing.get(leadId)!);
          const evaluateRule = tolerant(evaluateRuleWith(sets, now, { explain: false, extra }), missing);
          const team: LeadTeam = { territoryIds: [], members: [] };
          const explanations: string[] = [];
          for (const step of steps) {
            if (step.when && !evaluateRule(step.when.ruleSetId, { lead }).matched) {
              explanations.push(`${step.id}: gate ${step.when.ruleSetId} does not accept the lead`);
              continue;
            }
            const m = matchTerritories(lead, territories, step.match, evaluateRule);
            explanations.push(`${step.id}: ${m.explanation}`);
            for (const t of m.leadTeam.territoryIds) if (!team.territoryIds.includes(t)) team.territoryIds.push(t);
            for (const member of m.leadTeam.members) if (!team.members.some((x) => x.repId === member.repId)) team.members.push(member);
          }
          const before = { territoryIds: current.get(leadId) ?? [] };
          const after = { territoryIds: [...team.territoryIds].sort() };
          const names = team.territoryIds.map((id) => territories.find((t) => t.id === id)?.name ?? id);
          const trace = def.diagnostic ? { explanations, territories: names } : undefined;
          if (sameSet(before.territoryIds, after.territoryIds)) return { leadId, outcome: 'unchanged', before: def.diagnostic ? before : null, after: def.diagnostic ? after : null, ...(trace ? { trace } : {}) };
          const routable = assignmentSkipReason(row) === null;
          return {
            leadId, outcome: 'changed', before, after, auditFields: ['territoryIds'],
            audit: { explanations, territories: names }, ...(trace ? { trace } : {}),
            payload: { team } satisfies RealignWrite,
            ...(routable ? { signal: { leadId, kind: 'realign' as const } } : {}),
          };
        } catch (err) {
          return { leadId, outcome: 'failed', before: null, after: null, message: `territory matching failed: ${err instanceof Error ? err.message : String(err)}` };
        }
      });
    },
    async writeExtra(pageEm, outcomes) {
      const changed = outcomes.filter((o) => o.outcome === 'changed' && o.payload !== undefined);
      const failures = new Map<string, string>();
      if (changed.length === 0) return failures;
      await rawQuery(pageEm, 'savepoint realign_write');
      try {
        await replaceTeams(pageEm, changed);
        await rawQuery(pageEm, 'release savepoint realign_write');
        return failures;
      } catch {
        await rawQuery(pageEm, 'rollback to savepoint realign_write');
      }
      for (const o of changed) {
        await rawQuery(pageEm, 'savepoint realign_one');
        try {
          await replaceTeams(pageEm, [o]);
          await rawQuery(pageEm, 'release savepoint realign_one');
        } catch (err) {
          await rawQuery(pageEm, 'rollback to savepoint realign_one');
          failures.set(o.leadId, `write failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      return failures;
    },
  };
}
