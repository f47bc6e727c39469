// Lead persistence activities: capture (idempotent), reads for the workflow.
import { log } from '@temporalio/activity';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Lead } from '../db/entities/index.js';
import type { LeadCapture } from '../rules/lead-attributes.js';
import type { Actor, CaptureResult } from '../workflows/messages.js';
import { leadWorkflowId } from '../workflows/messages.js';
import { writeAuditEvent } from './audit.js';
import type { ActivityDeps } from './deps.js';

export interface CaptureLeadInput {
  leadId: string;
  capture: LeadCapture;
  actor: Actor;
  eventKey: string;
  requestId?: string;
}

export function leadActivities({ orm }: ActivityDeps) {
  return {
    /** Writes the lead row and its `captured` audit event in one transaction; idempotent. */
    async captureLead(input: CaptureLeadInput): Promise<CaptureResult> {
      return orm.em.fork().transactional(async (em: EntityManager) => {
        const { custom, ...attributes } = input.capture;
        const inserted = await em
          .createQueryBuilder(Lead)
          .insert({
            ...attributes,
            custom: custom ?? {},
            id: input.leadId,
            workflowId: leadWorkflowId(input.leadId),
            origSystemReference: input.capture.origSystemReference ?? null,
          })
          .onConflict()
          .ignore()
          .execute('run');
        const created = (inserted.affectedRows ?? 0) > 0;
        if (!created) {
          const existing = await em.findOne(Lead, { id: input.leadId }, { fields: ['id'] });
          if (!existing) {
            throw new Error(
              `lead ${input.leadId} conflicts with another lead on (source, origSystemReference) = (${input.capture.source}, ${input.capture.origSystemReference})`,
            );
          }
        }
        await writeAuditEvent(em, {
          eventKey: input.eventKey,
          leadId: input.leadId,
          action: 'captured',
          actor: input.actor,
          after: { ...input.capture },
          requestId: input.requestId ?? null,
        });
        log.info(created ? 'lead stored' : 'lead already stored', { leadId: input.leadId, source: input.capture.source });
        return { leadId: input.leadId, created };
      });
    },
  };
}
