// Notifications (offers, hopper arrivals, escalations...): always logged; also POSTed to the
// configured webhook with a signature. The delivery id is the workflow's event key, so a
// receiver can drop the duplicates retries may cause.
import type { NotificationInput } from '../../workflows/lead-activities.js';
import type { ActivityDeps } from '../deps.js';
import { deliverWebhook } from './webhook.js';

export function notifyActivities({ logger, webhook }: ActivityDeps) {
  return {
    async notify(input: NotificationInput): Promise<void> {
      const payload = {
        id: input.eventKey,
        kind: input.kind,
        leadId: input.leadId,
        repIds: input.repIds,
        notifyManagersOf: input.notifyManagersOf ?? [],
        summary: input.summary,
        data: input.data ?? {},
        at: new Date().toISOString(),
      };
      logger.info({ notification: payload }, `notification ${input.kind} for lead ${input.leadId}`);
      if (webhook) await deliverWebhook(webhook, { id: input.eventKey, kind: input.kind }, payload);
    },
  };
}
