// Lead capture: the row, de-duplication (seeds: DQM + Leads Deduplication rule) and the audit
// events, in one transaction; idempotent under retries.
import { log } from '@temporalio/activity';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEvent, Lead } from '../db/entities/index.js';
import { dedupeKeys, findDuplicate, type DuplicateMatch, type OpenLeadCandidate } from '../rules/dedupe.js';
import type { CaptureLeadInput } from '../workflows/lead-activities.js';
import type { CaptureResult } from '../workflows/messages.js';
import { SYSTEM_ACTOR, leadActivitySignal, leadWorkflowId } from '../workflows/messages.js';
import { writeAuditEvent } from './audit.js';
import type { ActivityDeps } from './deps.js';
import { readLifecycleSettings } from './lifecycle.js';

export type { CaptureLeadInput };

const OPEN_STATUSES = ['Unqualified', 'Qualified'];

export function leadActivities({ orm, temporal, logger }: ActivityDeps) {
  return {
    /** Writes the lead row and its audit events; links a duplicate of an open lead instead of opening a second one. */
    async captureLead(input: CaptureLeadInput): Promise<CaptureResult> {
      const result = await orm.em.fork().transactional((em) => capture(em, input));
      log.info(result.created ? 'lead stored' : 'lead already stored', { leadId: input.leadId, source: input.capture.source, duplicateOf: result.duplicateOfId ?? null });
      if (result.created && result.duplicateOfId) {
        // New interest in the original lead counts as activity there (restarts its stale clock).
        await temporal.workflow
          .getHandle(leadWorkflowId(result.duplicateOfId))
          .signal(leadActivitySignal, { kind: 'duplicate_captured', at: new Date().toISOString(), actor: SYSTEM_ACTOR })
          .catch((err: unknown) => logger.warn({ err, leadId: result.duplicateOfId }, 'could not signal the original lead'));
      }
      return result;
    },
  };
}

async function capture(em: EntityManager, input: CaptureLeadInput): Promise<CaptureResult> {
  const settings = await readLifecycleSettings(em);
  const keys = dedupeKeys(input.capture);
  // Captures of the same contact or account+product serialize here, so racing duplicates are caught.
  const lockKeys = [keys.contactKey && `c:${keys.contactKey}`, keys.accountKey && keys.productKey && `a:${keys.accountKey}|${keys.productKey}`]
    .filter((k): k is string => Boolean(k))
    .sort();
  for (const k of lockKeys) await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [k]);

  const { custom, ...attributes } = input.capture;
  const inserted = await em
    .createQueryBuilder(Lead)
    .insert({
      ...attributes,
      ...keys,
      custom: custom ?? {},
      id: input.leadId,
      workflowId: leadWorkflowId(input.leadId),
      origSystemReference: input.capture.origSystemReference ?? null,
    })
    .onConflict()
    .ignore()
    .execute('run');
  if ((inserted.affectedRows ?? 0) === 0) {
    const existing = await em.findOne(Lead, { id: input.leadId }, { fields: ['id', 'duplicateOfId'] });
    if (!existing) {
      throw new Error(`lead ${input.leadId} conflicts with another lead on (source, origSystemReference) = (${input.capture.source}, ${input.capture.origSystemReference})`);
    }
    // Our own earlier attempt (an activity retry) created it if its audit event exists.
    const ours = await em.findOne(AuditEvent, { eventKey: input.eventKey }, { fields: ['id'] });
    return { leadId: input.leadId, created: ours !== null, duplicateOfId: existing.duplicateOfId ?? null };
  }

  let match: DuplicateMatch | null = null;
  if (settings.dedupe.enabled && (keys.contactKey || (keys.accountKey && keys.productKey))) {
    const candidates = await em.execute<{ id: string; created_at: Date; contact_key: string | null; account_key: string | null; product_key: string | null }[]>(
      `select id, created_at, contact_key, account_key, product_key from lead
        where id <> ? and status in (?, ?) and duplicate_of_id is null and created_at > now() - make_interval(days => ?)
          and (contact_key = ? or (account_key = ? and product_key = ?))
        order by created_at, id limit 20`,
      [input.leadId, ...OPEN_STATUSES, settings.dedupe.windowDays, keys.contactKey, keys.accountKey, keys.productKey],
    );
    const open: OpenLeadCandidate[] = candidates.map((c) => ({
      id: c.id,
      createdAt: new Date(c.created_at).toISOString(),
      contactKey: c.contact_key,
      accountKey: c.account_key,
      productKey: c.product_key,
    }));
    match = findDuplicate(keys, open, settings.dedupe);
  }

  await writeAuditEvent(em, {
    eventKey: input.eventKey,
    leadId: input.leadId,
    action: 'captured',
    actor: input.actor,
    after: { ...input.capture },
    detail: { dedupe: match ? match.explanation : 'no open duplicate', dedupeKeys: keys },
    requestId: input.requestId ?? null,
  });
  if (match) {
    await em.nativeUpdate(Lead, { id: input.leadId }, { status: 'Retired', retireReason: 'Duplicate lead', duplicateOfId: match.duplicateOf, closedAt: new Date() });
    await writeAuditEvent(em, {
      eventKey: `${input.eventKey}/duplicate`,
      leadId: input.leadId,
      action: 'retired',
      actor: SYSTEM_ACTOR,
      reason: 'Duplicate lead',
      before: { status: 'Unqualified' },
      after: { status: 'Retired', duplicateOfId: match.duplicateOf },
      detail: { rule: match.matchedOn, explanation: match.explanation },
      requestId: input.requestId ?? null,
    });
    await writeAuditEvent(em, {
      eventKey: `${input.eventKey}/linked`,
      leadId: match.duplicateOf,
      action: 'duplicate_linked',
      actor: SYSTEM_ACTOR,
      detail: { duplicateLeadId: input.leadId, rule: match.matchedOn, explanation: match.explanation, source: input.capture.source },
      requestId: input.requestId ?? null,
    });
  }
  return { leadId: input.leadId, created: true, duplicateOfId: match?.duplicateOf ?? null };
}
