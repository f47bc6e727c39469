// A rule set named by a processing activity cannot be archived (the activity's runs would fail).
import type { EntityManager } from '@mikro-orm/postgresql';
import { rawRows } from '../../../db/raw-sql.js';
import { ruleSetReferenceChecks, type RuleSetReferenceCheck } from '../rule-set-references.js';

export const processingActivityReferences: RuleSetReferenceCheck = async (em: EntityManager, ruleSetId: string) => {
  const rows = await rawRows<{ id: string; name: string }>(
    em, 'select "id", "name" from "processing_activity" where "rule_set_id" = $1 and "deleted_at" is null order by "created_at"', [ruleSetId],
  );
  return rows.map((r) => ({ kind: 'processing_activity', id: r.id, description: `processing activity '${r.name}'` }));
};

export function registerProcessingReferenceCheck(): void {
  if (!ruleSetReferenceChecks.includes(processingActivityReferences)) ruleSetReferenceChecks.push(processingActivityReferences);
}
