// Rule sets for routing (gates, candidate rules, rule-based matching, territory filters), loaded
// through a loader (default: the latest stored version of each set, from the rule-set tables).
// Compiled sets are cached by id and definition; the adapter turns them into the assignment
// engine's EvaluateRule.
import type { MikroORM } from '@mikro-orm/postgresql';
import { pgArray } from './sql.js';
import type { AssignmentLead, EvaluateRule } from '../../rules/assignment/index.js';
import { compileRuleSet, createRuleMatcher, type CompiledRuleSet, type RuleSetInput } from '../../rules/index.js';

/** Loads the current version of each rule set id; ids it does not know are absent from the map. */
export type RuleSetLoader = (ruleSetIds: string[]) => Promise<Map<string, RuleSetInput>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The latest version of each stored rule set (archived ones too: a set in use cannot be archived). */
export function storedRuleSetLoader(orm: MikroORM): RuleSetLoader {
  return async (ids) => {
    const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
    if (wanted.length === 0) return new Map();
    const found = await orm.em.fork().execute<{ rule_set_id: string; definition: RuleSetInput }[]>(
      `select v.rule_set_id, v.definition from rule_set r join rule_set_version v on v.rule_set_id = r.id and v.version = r.latest_version
        where r.id = any(?::uuid[])`,
      [pgArray(wanted)],
    );
    return new Map(found.map((r) => [r.rule_set_id, r.definition]));
  };
}

/** Rule sets given in code (tests, benchmark, simulations with inline rule sets). */
export function staticRuleSetLoader(sets: readonly RuleSetInput[]): RuleSetLoader {
  const byId = new Map(sets.map((s) => [s.id, s]));
  return async (ids) => new Map(ids.flatMap((id) => { const s = byId.get(id); return s ? [[id, s] as const] : []; }));
}

export class RuleSetCompiler {
  private readonly cache = new Map<string, { json: string; compiled: CompiledRuleSet }>();

  constructor(private readonly loader: RuleSetLoader) {}

  /** Loads and compiles these rule sets; missing ids are reported, not thrown. */
  async load(ids: readonly string[]): Promise<{ sets: Map<string, CompiledRuleSet>; missing: string[] }> {
    const sets = new Map<string, CompiledRuleSet>();
    if (ids.length === 0) return { sets, missing: [] };
    const loaded = await this.loader([...ids]);
    const missing: string[] = [];
    for (const id of ids) {
      const def = loaded.get(id);
      if (!def) { missing.push(id); continue; }
      const json = JSON.stringify(def);
      let hit = this.cache.get(id);
      if (!hit || hit.json !== json) {
        hit = { json, compiled: compileRuleSet(def) };
        this.cache.set(id, hit);
      }
      sets.set(id, hit.compiled);
    }
    return { sets, missing };
  }
}

/**
 * The assignment engine's EvaluateRule over compiled sets. Rule facts: the lead's attributes plus
 * `extra` (createdAt, status, source...) for the lead being routed; the candidate rep or territory.
 */
export function evaluateRuleWith(
  sets: ReadonlyMap<string, CompiledRuleSet>, now: string,
  options: { explain: boolean; extra?: Record<string, unknown> | ((lead: AssignmentLead) => Record<string, unknown> | undefined) },
): EvaluateRule {
  const matcher = createRuleMatcher(sets, new Date(now), { explain: options.explain });
  const leadFacts = new WeakMap<AssignmentLead, object>();
  const extraOf = (lead: AssignmentLead) => (typeof options.extra === 'function' ? options.extra(lead) : options.extra);
  const factsOf = (lead: AssignmentLead): object => {
    let f = leadFacts.get(lead);
    if (!f) {
      f = { ...extraOf(lead), ...lead.attributes, ...(lead.accountId ? { accountId: lead.accountId } : {}) };
      leadFacts.set(lead, f);
    }
    return f;
  };
  return (ruleSetId, facts) => {
    const t = facts.territory;
    // Territory rules read free attributes (territory.programId) next to the built-in fields.
    const territory = t ? { ...t.attributes, id: t.id, name: t.name, type: t.type, status: t.status, parentId: t.parentId, ownerRepId: t.ownerRepId } : undefined;
    const m = matcher(ruleSetId, { lead: factsOf(facts.lead), ...(facts.candidate ? { candidate: facts.candidate } : {}), ...(territory ? { territory } : {}) });
    return { matched: m.matched, explanation: m.explanation };
  };
}
