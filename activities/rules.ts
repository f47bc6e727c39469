// The lead-processing activity: runs the active pipeline (scoring, qualification, rating/ranking,
// channel) on one stored lead and writes the derived values with ONE `processed` audit event, in
// one transaction, exactly once per eventKey.
import { ApplicationFailure } from '@temporalio/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEvent, Lead } from '../db/entities/index.js';
import { CompiledRuleSetCache, loadActiveStages } from '../db/rule-set-store.js';
import { describeTrace } from '../rules/index.js';
import type { Actor } from '../workflows/messages.js';
import { writeAuditEvent } from './audit.js';
import type { ActivityDeps } from './deps.js';
import { changedValues, deriveLeadValues, planLeadPipeline, type DerivedField, type DerivedLeadValues, type LeadDerivation } from './lead-pipeline.js';

export interface RunLeadPipelineInput {
  leadId: string;
  /** Deterministic (workflow id + event sequence): the same key never applies twice. */
  eventKey: string;
  actor: Actor;
  requestId?: string;
  reason: 'captured' | 'attributes_changed' | 'processing';
}

export interface LeadPipelineOutcome extends DerivedLeadValues {
  /** The fields this run changed (empty: nothing written, no audit event). */
  changed: string[];
}

export const LEAD_NOT_FOUND = 'LeadNotFound';

function outcomeOf(d: LeadDerivation): LeadPipelineOutcome {
  const { status, qualified, rank, score, salesChannel, ruleVersions } = d.after;
  return { status, qualified, rank, score, salesChannel, ruleVersions, changed: [...d.changed] };
}

/** What the audit event records: the outcome (returned again on a retry), the versions, the rules that matched and the traces. */
function auditTrace(reason: string, d: LeadDerivation, outcome: LeadPipelineOutcome): Record<string, unknown> {
  const r = d.result!;
  return {
    reason,
    outcome,
    ruleSetVersions: r.ruleSetVersions,
    matchedRules: r.matchedRules,
    lines: r.traces.flatMap((t) => describeTrace(t)),
    traces: r.traces,
  };
}

async function storedOutcome(em: EntityManager, eventKey: string): Promise<LeadPipelineOutcome | null> {
  const event = await em.findOne(AuditEvent, { eventKey }, { fields: ['action', 'trace'] });
  if (!event) return null;
  const outcome = (event.trace as { outcome?: LeadPipelineOutcome } | null)?.outcome;
  if (event.action !== 'processed' || !outcome) {
    throw ApplicationFailure.nonRetryable(`event key ${eventKey} belongs to a '${event.action}' event, not to a pipeline run`, 'EventKeyConflict');
  }
  return outcome;
}

const pick = (values: Record<string, unknown>, fields: readonly DerivedField[]) => Object.fromEntries(fields.map((f) => [f, values[f]]));

export function ruleActivities({ orm }: ActivityDeps) {
  const cache = new CompiledRuleSetCache();
  return {
    /**
     * Runs the active pipeline on the lead and stores what changed. A Converted or Retired lead,
     * or no active rule sets: nothing changes, no error. A retry with an eventKey already written
     * returns the stored outcome without applying anything again.
     */
    async runLeadPipeline(input: RunLeadPipelineInput): Promise<LeadPipelineOutcome> {
      return orm.em.fork().transactional(async (em: EntityManager) => {
        // The row lock serializes runs on this lead (and a retry racing its first attempt).
        const row = await em.findOne(Lead, { id: input.leadId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!row) throw ApplicationFailure.nonRetryable(`lead ${input.leadId} does not exist`, LEAD_NOT_FOUND);
        const stored = await storedOutcome(em, input.eventKey);
        if (stored) return stored;

        const plan = planLeadPipeline(await loadActiveStages(em), cache);
        const now = new Date();
        const d = deriveLeadValues(plan, row, now, { explain: true });
        const outcome = outcomeOf(d);
        if (d.changed.length === 0) return outcome;

        await em.nativeUpdate(Lead, { id: input.leadId }, { ...changedValues(d), updatedAt: now });
        const written = await writeAuditEvent(em, {
          eventKey: input.eventKey,
          leadId: input.leadId,
          action: 'processed',
          actor: input.actor,
          reason: input.reason,
          before: pick({ ...d.before }, d.changed),
          after: pick({ ...d.after }, d.changed),
          trace: auditTrace(input.reason, d, outcome),
          requestId: input.requestId ?? null,
        });
        // Cannot happen under the row lock; if it does, roll back and let the retry read the stored outcome.
        if (!written) throw new Error(`audit event ${input.eventKey} appeared concurrently; retrying`);
        return outcome;
      });
    },
  };
}
