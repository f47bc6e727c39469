// Runs the lifecycle model's effects and calls as the lead workflow's activities (local
// activities: short database transactions in the workflow task; notifications as a retried
// remote activity that never holds the lifecycle up). Translation only: no decisions here.
import { log, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Call, CallResultEvent, Effect } from '../rules/lifecycle/index.js';
import { SYSTEM_ACTOR } from '../rules/lifecycle/index.js';
import type { LeadLifecycleActivities } from './lead-activities.js';

/**
 * The lifecycle's steps are short database transactions: local activities (run by this worker
 * inside the workflow task; no task-queue round trip, a marker in the history), retried with
 * backoff like any activity, idempotent by their event keys.
 */
export const acts = proxyLocalActivities<Omit<LeadLifecycleActivities, 'notify'>>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '200 ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
/** Notifications retry with backoff but never hold up the lifecycle (they run alongside it). */
const notifier = proxyActivities<Pick<LeadLifecycleActivities, 'notify'>>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 },
});

export interface EffectContext {
  leadId: string;
  /** The next idempotency key for a write (main loop: the event sequence; updates: the update id). */
  nextKey: () => string;
  /** Whether notifications go anywhere (a webhook is configured); without one the audit log says it all. */
  notifications: boolean;
  /** Notifications in flight (awaited before the workflow ends or continues as new). */
  sent: Promise<void>[];
}

const opt = (requestId: string | undefined) => (requestId ? { requestId } : {});

export async function runEffect(e: Effect, c: EffectContext): Promise<void> {
  const leadId = c.leadId;
  switch (e.kind) {
    case 'record':
      await acts.recordLifecycleEvent({
        leadId, eventKey: c.nextKey(), actor: e.actor, ...opt(e.requestId), action: e.action, reason: e.reason ?? null, note: e.note ?? null, set: e.set,
        ...(e.detail ? { detail: e.detail } : {}),
      });
      return;
    case 'release':
      await acts.releaseLead({ leadId, eventKey: c.nextKey(), repId: e.repId, actor: e.actor, reason: e.reason });
      return;
    case 'take':
      await acts.recordManualAssignment({ leadId, eventKey: c.nextKey(), repId: e.repId, actor: e.actor, reason: e.reason });
      return;
    case 'notify': {
      if (!c.notifications) return;
      const n = e.notification;
      c.sent.push(notifier.notify({ ...n, leadId, eventKey: c.nextKey() }).catch((err: unknown) => {
        log.warn('notification not delivered', { kind: n.kind, error: String(err) });
      }));
      return;
    }
  }
}

/** Runs a call; its result is the event the model takes next. */
export async function runCall(call: Call, c: EffectContext): Promise<CallResultEvent> {
  const leadId = c.leadId;
  switch (call.kind) {
    case 'assign': {
      const r = await acts.assignLead({
        leadId, eventKey: c.nextKey(), actor: SYSTEM_ACTOR, reason: call.reason, excludeRepIds: call.excludeRepIds, attempt: call.attempt,
        offerDeadline: call.offerDeadline, ...(call.teamId ? { specificTeamId: call.teamId } : {}),
      });
      return { type: 'routed', call, result: { outcome: r.outcome, repId: r.repId, retryAt: r.retryAt, summary: r.summary } };
    }
    case 'pipeline': {
      const r = await acts.runLeadPipeline({ leadId, eventKey: c.nextKey(), actor: call.actor, ...opt(call.requestId), reason: call.reason });
      return { type: 'pipeline_ran', call, result: { status: r.status, qualified: r.qualified, rank: r.rank, score: r.score, salesChannel: r.salesChannel } };
    }
    case 'update_attributes': {
      const r = await acts.updateLeadAttributes({ leadId, eventKey: c.nextKey(), actor: call.actor, ...opt(call.requestId), at: call.at, attributes: call.attributes });
      return { type: 'edited', call, result: { changed: r.changed } };
    }
    case 'preview': {
      const r = await acts.previewAssignment({ leadId, excludeRepIds: call.excludeRepIds });
      return { type: 'previewed', call, result: { outcome: r.outcome, candidateRepIds: r.candidateRepIds, summary: r.summary } };
    }
    case 'convert': {
      const r = await acts.convertLead({ leadId, eventKey: c.nextKey(), actor: call.actor, ...opt(call.requestId), at: call.at, ownerId: call.ownerId, opportunity: call.opportunity });
      return { type: 'converted', call, result: { opportunityId: r.opportunityId } };
    }
    case 'note': {
      const r = await acts.addLeadNote({ leadId, eventKey: c.nextKey(), actor: call.actor, ...opt(call.requestId), at: call.at, text: call.text });
      return { type: 'noted', call, result: { noteId: r.noteId } };
    }
  }
}
