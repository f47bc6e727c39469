// Activities of the offboarding workflow (bulk reassignment of a rep's open leads): page through
// the rep's open leads, ask each lead's workflow to reassign it (reason Workload), and record
// progress in Postgres for GET /reps/:id/offboard.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { json, rows, run } from '../db/assignment/sql.js';
import type { OffboardingProgress } from '../workflows/assignment-messages.js';
import { leadWorkflowId, reassignUpdate, type Actor } from '../workflows/messages.js';
import { isUnprocessedUpdateRejection } from '../platform/update-rejections.js';
import type { ActivityDeps } from './deps.js';

const OPEN_LEADS_OF = `(l.owner_id = ? or l.offered_to_id = ?) and l.closed_at is null and l.status not in ('Converted', 'Retired')`;

export function offboardingActivities({ orm, temporal }: ActivityDeps) {
  return {
    async countOffboardingLeads(input: { repId: string }): Promise<number> {
      const [row] = await rows(orm.em.fork(), `select count(*)::int as n from lead l where ${OPEN_LEADS_OF}`, [input.repId, input.repId]);
      return Number(row?.n ?? 0);
    },

    /** The rep's open leads (owned or offered) after `afterLeadId`, in id order. */
    async listOffboardingLeads(input: { repId: string; afterLeadId: string | null; limit: number }): Promise<string[]> {
      const found = await rows(
        orm.em.fork(),
        `select l.id from lead l where ${OPEN_LEADS_OF} and l.id > ? order by l.id limit ?`,
        [input.repId, input.repId, input.afterLeadId ?? '00000000-0000-0000-0000-000000000000', input.limit],
      );
      return found.map((r) => String(r.id));
    },

    /** Sends the lead's workflow the reassign update (idempotent per offboarding and lead). */
    async requestLeadReassign(input: { offboardingId: string; leadId: string; actor: Actor }): Promise<{ ok: boolean; error?: string }> {
      const requestId = `offboarding-${input.offboardingId}-${input.leadId}`;
      try {
        await temporal.workflow.getHandle(leadWorkflowId(input.leadId)).executeUpdate(reassignUpdate, {
          args: [{ reason: 'Workload', actor: input.actor, requestId, note: 'Rep offboarding' }],
          updateId: requestId,
        });
        return { ok: true };
      } catch (err) {
        // Lost by the worker, not refused by the lead: retry the activity (same update id, so idempotent).
        if (isUnprocessedUpdateRejection(err)) throw err;
        if (err instanceof WorkflowUpdateFailedError) return { ok: false, error: err.cause?.message ?? err.message };
        if (err instanceof WorkflowNotFoundError) return { ok: false, error: 'lead workflow not found' };
        throw err;
      }
    },

    async recordOffboardingProgress(input: { offboardingId: string; progress: OffboardingProgress; finished: boolean }): Promise<void> {
      const p = input.progress;
      const status = !input.finished ? 'Running' : p.failed > 0 ? 'Completed with error' : 'Completed';
      await run(
        orm.em.fork(),
        `update offboarding set status = ?, total = ?, processed = ?, reassigned = ?, failed = ?, last_lead_id = ?, errors = ?::jsonb,
           updated_at = now(), finished_at = case when ? then now() else null end where id = ?`,
        [status, p.total, p.processed, p.reassigned, p.failed, p.lastLeadId, json(p.errors.slice(-100)), input.finished, input.offboardingId],
      );
    },
  };
}
