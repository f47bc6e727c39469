// What may refer to a rule set, and so keeps it from being archived. The routing configuration
// references assignment and territory-filter sets by id: its owner adds a check here.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface RuleSetReference {
  /** e.g. 'routing_config' */
  kind: string;
  id: string;
  description: string;
}

/** Runs inside the archive transaction, after the rule set row is locked; returns what refers to the set. */
export type RuleSetReferenceCheck = (em: EntityManager, ruleSetId: string) => Promise<RuleSetReference[]>;

/** Every check DELETE /rule-sets/:id runs; any reference found makes it 409 `rule_set_referenced`. */
export const ruleSetReferenceChecks: RuleSetReferenceCheck[] = [];

export async function findRuleSetReferences(em: EntityManager, ruleSetId: string): Promise<RuleSetReference[]> {
  const found: RuleSetReference[] = [];
  for (const check of ruleSetReferenceChecks) found.push(...(await check(em, ruleSetId)));
  return found;
}
