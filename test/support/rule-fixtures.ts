// Seed rule sets as API bodies (without id / version) and stored leads for integration tests.
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities/index.js';
import { createLogger } from '../../platform/logger.js';
import { SYSTEM_ACTOR } from '../../workflows/messages.js';
import { fusionRanking, fusionScoring, visionChannel, visionLead, visionQualification, visionRating } from '../unit/rules/fixtures.js';
import type { Harness } from './harness.js';

const body = <T extends { id: string; version: number }>(def: T): Omit<T, 'id' | 'version'> => {
  const { id: _id, version: _version, ...rest } = structuredClone(def);
  return rest;
};

export const seeds = {
  visionQualification: body(visionQualification),
  visionRating: body(visionRating),
  visionChannel: body(visionChannel),
  fusionRanking: body(fusionRanking),
  fusionScoring: body(fusionScoring),
};

let buyers = 0;
/**
 * A Vision Enterprises lead as capture attributes (the seed's road-show lead). Each call is
 * another buyer (company name), so capture's duplicate detection keeps them apart.
 */
export const visionCapture = (overrides: Record<string, unknown> = {}): Record<string, unknown> => {
  const { createdAt: _createdAt, ...attrs } = visionLead(overrides);
  return { source: 'campaign', firstName: 'Vera', lastName: 'Vision', companyName: `Vision Hardware Buyer ${++buyers}`, ...attrs };
};

export function activitiesFor(h: Harness) {
  return createActivities({ orm: h.orm, logger: createLogger('silent'), temporal: h.temporal });
}

/** Stores a lead the way capture does (row + `captured` audit event), without starting a workflow. */
export async function storeLead(h: Harness, capture: Record<string, unknown>): Promise<string> {
  const leadId = randomUUID();
  await activitiesFor(h).captureLead({ leadId, capture: capture as never, actor: SYSTEM_ACTOR, eventKey: `test/${leadId}/capture` });
  return leadId;
}

/** Creates a rule set through the API (as admin); returns its id. */
export async function createRuleSet(h: Harness, definition: unknown): Promise<string> {
  const res = await h.api('post', '/rule-sets', definition);
  if (res.status !== 201) throw new Error(`POST /rule-sets: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function activate(h: Harness, id: string, version?: number): Promise<void> {
  const res = await h.api('post', `/rule-sets/${id}/activate`, version === undefined ? {} : { version });
  if (res.status !== 200) throw new Error(`activate: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Every row of the tables a simulation must not touch, for before/after comparisons. */
export async function snapshot(h: Harness): Promise<unknown> {
  const tables = ['lead', 'audit_event', 'rule_set', 'rule_set_version', 'rule_set_activation'];
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = await h.sql(`select * from ${t} order by 1`);
  return out;
}
