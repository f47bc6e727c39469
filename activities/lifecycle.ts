// Lifecycle writes for the lead workflow: each call changes the lead row (the read model of the
// workflow's state) and writes its audit event in one transaction, exactly once per eventKey.
import { randomUUID } from 'node:crypto';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { AuditEvent, Lead, LeadNote, Opportunity, Setting, type ILead } from '../db/entities/index.js';
import { nameCompanyKeyOf, productKeyOf } from '../rules/dedupe.js';
import { leadAttributesSchema, type LeadAttributes } from '../rules/lead-attributes.js';
import { lifecycleSettingsSchema, type LifecycleSettings } from '../rules/lifecycle-settings.js';
import type { AttributesInput, ConvertInput, LifecycleColumns, LifecycleEventInput, LifecycleRuntimeSettings, NoteInput } from '../workflows/lead-activities.js';
import { actorLabel } from '../workflows/messages.js';
import { writeAuditEvent } from './audit.js';
import { recordLeadOwner } from './capacity.js';
import type { ActivityDeps } from './deps.js';

export const LIFECYCLE_SETTINGS_KEY = 'lifecycle';

const DATE_COLUMNS = new Set<keyof LifecycleColumns>(['offerDeadline', 'closedAt', 'lastActivityAt']);

function toRow(set: LifecycleColumns): Record<string, unknown> {
  return Object.fromEntries(Object.entries(set).map(([k, v]) => [k, DATE_COLUMNS.has(k as keyof LifecycleColumns) && typeof v === 'string' ? new Date(v) : v]));
}

function pick(row: ILead, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => {
    const v = (row as unknown as Record<string, unknown>)[k];
    return [k, v instanceof Date ? v.toISOString() : v ?? null];
  }));
}

async function lockLead(em: EntityManager, leadId: string): Promise<ILead> {
  const lead = await em.findOne(Lead, { id: leadId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!lead) throw new Error(`lead ${leadId} not found`);
  return lead;
}

export async function readLifecycleSettings(em: EntityManager): Promise<LifecycleSettings> {
  const row = await em.findOne(Setting, { key: LIFECYCLE_SETTINGS_KEY });
  return lifecycleSettingsSchema.parse(row?.value ?? {});
}

export function lifecycleActivities({ orm, metrics, webhook }: ActivityDeps) {
  /** Accept latency and SLA breaches, counted where they happen (once per applied event). */
  const observe = (input: LifecycleEventInput, before: ILead) => {
    if (!metrics) return;
    if (input.action === 'offer_timed_out') metrics.slaBreaches.inc();
    if (input.action === 'accepted' && before.offerDeadline && typeof input.detail?.offerTimeoutMinutes === 'number') {
      const offeredAt = before.offerDeadline.getTime() - input.detail.offerTimeoutMinutes * 60_000;
      metrics.acceptLatency.observe({}, Math.max(0, (Date.now() - offeredAt) / 1000));
    }
  };
  return {
    async loadLifecycleSettings(): Promise<LifecycleRuntimeSettings> {
      return { ...(await readLifecycleSettings(orm.em.fork())), notifications: { webhook: webhook !== undefined } };
    },

    async recordLifecycleEvent(input: LifecycleEventInput): Promise<{ applied: boolean }> {
      return orm.em.fork().transactional(async (em) => {
        const lead = await lockLead(em, input.leadId);
        const keys = Object.keys(input.set);
        const inserted = await writeAuditEvent(em, {
          eventKey: input.eventKey,
          leadId: input.leadId,
          action: input.action,
          actor: input.actor,
          reason: input.reason ?? null,
          before: pick(lead, keys),
          after: { ...input.set },
          detail: { ...(input.note ? { note: input.note } : {}), ...input.detail },
          requestId: input.requestId ?? null,
        });
        if (!inserted) return { applied: false }; // a retry: applied the first time
        await em.nativeUpdate(Lead, { id: input.leadId }, { ...toRow(input.set), updatedAt: new Date() });
        // A new owner joins the lead's owner history (previous-owner routing reads it); their access
        // comes from the lead row while they own it, like the offered rep's while the offer lasts.
        if (typeof input.set.ownerId === 'string') await recordLeadOwner(em, input.leadId, input.set.ownerId);
        // A lead that stops waiting in a queue (retired, reassigned, escalated...) leaves it.
        if (input.set.assignmentStatus !== undefined && input.set.assignmentStatus !== 'Queued' && lead.assignmentStatus === 'Queued') {
          await em.execute('delete from assignment_queue_entry where lead_id = ?', [input.leadId]);
        }
        observe(input, lead);
        return { applied: true };
      });
    },

    async convertLead(input: ConvertInput): Promise<{ opportunityId: string }> {
      return orm.em.fork().transactional(async (em) => {
        const lead = await lockLead(em, input.leadId);
        const existing = await em.findOne(Opportunity, { leadId: input.leadId });
        if (existing) return { opportunityId: existing.id }; // a retry
        const opportunityId = randomUUID();
        const o = input.opportunity;
        await em.insert(Opportunity, {
          id: opportunityId,
          leadId: input.leadId,
          name: o.name,
          amount: o.amount ?? null,
          currency: o.currency ?? lead.currency ?? null,
          closeDate: o.closeDate ?? null,
          description: o.description ?? null,
          ownerId: input.ownerId,
          createdBy: actorLabel(input.actor),
        });
        const at = new Date(input.at);
        await writeAuditEvent(em, {
          eventKey: input.eventKey,
          leadId: input.leadId,
          action: 'converted',
          actor: input.actor,
          before: { status: lead.status },
          after: { status: 'Converted', opportunityId },
          detail: { opportunity: o },
          requestId: input.requestId ?? null,
        });
        await em.nativeUpdate(Lead, { id: input.leadId }, { status: 'Converted', closedAt: at, lastActivityAt: at, updatedAt: new Date() });
        return { opportunityId };
      });
    },

    async updateLeadAttributes(input: AttributesInput): Promise<{ changed: string[] }> {
      const attributes = leadAttributesSchema.partial().parse(input.attributes) as Partial<LeadAttributes>;
      return orm.em.fork().transactional(async (em) => {
        const done = await em.findOne(AuditEvent, { eventKey: input.eventKey });
        if (done) return { changed: Object.keys(done.after ?? {}) }; // a retry: report what the first attempt changed
        const lead = await lockLead(em, input.leadId);
        const current = lead as unknown as Record<string, unknown>;
        const next: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(attributes)) {
          if (key === 'custom') {
            const merged: Record<string, unknown> = { ...lead.custom };
            for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
              if (v === null) delete merged[k];
              else merged[k] = v;
            }
            if (JSON.stringify(merged) !== JSON.stringify(lead.custom)) next.custom = merged;
          } else if (!sameValue(current[key], value)) {
            next[key] = value;
          }
        }
        const changed = Object.keys(next);
        if (changed.length === 0) return { changed };
        const inserted = await writeAuditEvent(em, {
          eventKey: input.eventKey,
          leadId: input.leadId,
          action: 'attributes_updated',
          actor: input.actor,
          before: pick(lead, changed),
          after: next,
          requestId: input.requestId ?? null,
        });
        if (!inserted) return { changed };
        const merged = { ...lead, ...next } as Parameters<typeof productKeyOf>[0] & Parameters<typeof nameCompanyKeyOf>[0];
        const at = new Date(input.at);
        await em.nativeUpdate(Lead, { id: input.leadId }, { ...next, productKey: productKeyOf(merged), nameCompanyKey: nameCompanyKeyOf(merged), lastActivityAt: at, updatedAt: new Date() });
        return { changed };
      });
    },

    async addLeadNote(input: NoteInput): Promise<{ noteId: string }> {
      return orm.em.fork().transactional(async (em) => {
        const existing = await em.findOne(LeadNote, { eventKey: input.eventKey });
        if (existing) return { noteId: existing.id };
        const noteId = randomUUID();
        const at = new Date(input.at);
        await em.insert(LeadNote, { id: noteId, leadId: input.leadId, text: input.text, author: actorLabel(input.actor), eventKey: input.eventKey, createdAt: at });
        await writeAuditEvent(em, {
          eventKey: input.eventKey,
          leadId: input.leadId,
          action: 'note_added',
          actor: input.actor,
          detail: { noteId, text: input.text.slice(0, 500) },
          requestId: input.requestId ?? null,
        });
        await em.nativeUpdate(Lead, { id: input.leadId }, { lastActivityAt: at, updatedAt: new Date() });
        return { noteId };
      });
    },
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return JSON.stringify(a) === JSON.stringify(b);
}
