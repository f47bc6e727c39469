// Lead capture: the row, de-duplication (seeds: DQM + Leads Deduplication rule) and the audit
// events, in one transaction; idempotent under retries.
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEvent, Lead } from '../db/entities/index.js';
import {
  companyDomainOf,
  findDuplicate,
  normalizeAccountName,
  nameCompanyKeyOf,
  normalizeEmail,
  productKeyOf,
  type DedupeSubject,
  type DuplicateMatch,
  type OpenLeadCandidate,
} from '../rules/dedupe.js';
import { findOrCreateAccount, findOrCreateContact } from './accounts.js';
import type { CaptureLeadInput } from '../workflows/lead-activities.js';
import type { CaptureResult } from '../workflows/messages.js';
import { SYSTEM_ACTOR, leadActivitySignal, leadWorkflowId } from '../workflows/messages.js';
import { writeAuditEvent } from './audit.js';
import { activityInfo } from './log.js';
import type { ActivityDeps } from './deps.js';
import { readLifecycleSettings } from './lifecycle.js';

export type { CaptureLeadInput };

export function leadActivities({ orm, temporal, logger }: ActivityDeps) {
  return {
    /** Writes the lead row and its audit events; links a duplicate of an open lead instead of opening a second one. */
    async captureLead(input: CaptureLeadInput): Promise<CaptureResult> {
      const result = await orm.em.fork().transactional((em) => capture(em, input));
      activityInfo(logger, result.created ? 'lead stored' : 'lead already stored', { leadId: input.leadId, source: input.capture.source, duplicateOf: result.duplicateOfId ?? null });
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
  const c = input.capture;
  // Captures of the same contact serialize here (contact lock first, account lock second: no cycles).
  if (c.email) await advisoryLock(em, `contact:${normalizeEmail(c.email)}`);

  const { custom, ...attributes } = c;
  const productKey = productKeyOf(c);
  const nameCompanyKey = nameCompanyKeyOf(c);
  const inserted = await em
    .createQueryBuilder(Lead)
    .insert({ ...attributes, productKey, nameCompanyKey, custom: custom ?? {}, id: input.leadId, workflowId: leadWorkflowId(input.leadId), origSystemReference: c.origSystemReference ?? null })
    .onConflict()
    .ignore()
    .execute('run');
  if ((inserted.affectedRows ?? 0) === 0) {
    const existing = await em.findOne(Lead, { id: input.leadId }, { fields: ['id', 'duplicateOfId'] });
    if (!existing) {
      throw new Error(`lead ${input.leadId} conflicts with another lead on (source, origSystemReference) = (${c.source}, ${c.origSystemReference})`);
    }
    // Our own earlier attempt (an activity retry) created it if its audit event exists.
    const ours = await em.findOne(AuditEvent, { eventKey: input.eventKey }, { fields: ['id'] });
    return { leadId: input.leadId, created: ours !== null, duplicateOfId: existing.duplicateOfId ?? null };
  }

  // DQM: the customer account (company domain or name) and the contact, created when new.
  const domain = companyDomainOf(c.email);
  const accountName = c.companyName ?? c.accountName ?? domain;
  const account = accountName && normalizeAccountName(accountName) ? await findOrCreateAccount(em, { name: accountName, email: c.email ?? null }) : null;
  const contact = c.email ? await findOrCreateContact(em, { email: c.email, firstName: c.firstName ?? null, lastName: c.lastName ?? null, accountId: account?.id ?? null }) : null;
  await em.nativeUpdate(Lead, { id: input.leadId }, { accountId: account?.id ?? null, contactId: contact?.id ?? null });
  const rule = settings.dedupe;
  const byAccount = rule.matchOn.includes('account_and_product');
  const subject: DedupeSubject = {
    contactId: rule.matchOn.includes('contact_email') ? contact?.id ?? null : null,
    nameCompanyKey: rule.matchOn.includes('name_and_company') ? nameCompanyKey : null,
    accountId: byAccount ? account?.id ?? null : null,
    productKey: byAccount ? productKey : null,
  };
  // The same person captured twice at once serializes on the name (the contact lock covers the e-mail).
  if (subject.nameCompanyKey) await advisoryLock(em, `person:${subject.nameCompanyKey}`);
  if (subject.accountId && subject.productKey) await advisoryLock(em, `account:${subject.accountId}|${subject.productKey}`);

  let match: DuplicateMatch | null = null;
  if (rule.enabled && (subject.contactId || subject.nameCompanyKey || (subject.accountId && subject.productKey))) {
    const candidates = await em.execute<{ id: string; created_at: Date | string; contact_id: string | null; name_company_key: string | null; account_id: string | null; product_key: string | null }[]>(
      `select id, created_at, contact_id, name_company_key, account_id, product_key from lead
        where id <> ? and status in ('Unqualified', 'Qualified') and duplicate_of_id is null and created_at > now() - make_interval(days => ?)
          and (contact_id = ? or name_company_key = ? or (account_id = ? and product_key = ?))
        order by created_at, id limit 20`,
      [input.leadId, rule.windowDays, subject.contactId, subject.nameCompanyKey, subject.accountId, subject.productKey],
    );
    const open: OpenLeadCandidate[] = candidates.map((r) => ({
      id: r.id,
      createdAt: new Date(r.created_at).toISOString(),
      contactId: r.contact_id,
      nameCompanyKey: r.name_company_key,
      accountId: r.account_id,
      productKey: r.product_key,
    }));
    match = findDuplicate(subject, open, rule);
  }

  await writeAuditEvent(em, {
    eventKey: input.eventKey,
    leadId: input.leadId,
    action: 'captured',
    actor: input.actor,
    after: { ...c },
    detail: {
      account: account ? { id: account.id, name: account.name, created: account.created } : null,
      contact: contact ? { id: contact.id, created: contact.created } : null,
      dedupe: match ? match.explanation : 'no open duplicate',
    },
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
      detail: { duplicateLeadId: input.leadId, rule: match.matchedOn, explanation: match.explanation, source: c.source },
      requestId: input.requestId ?? null,
    });
  }
  return { leadId: input.leadId, created: true, duplicateOfId: match?.duplicateOf ?? null };
}

async function advisoryLock(em: EntityManager, key: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
}
