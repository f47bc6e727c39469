// Offboarding a rep: mark the rep unavailable (and inactive, by default) so no new leads arrive,
// then start the offboarding workflow (id offboarding-<repId>, one at a time) that reassigns every
// open lead with reason Workload; progress is read from Postgres.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { isoOf, isoOrNull, rows, run, type Row } from '../../../db/assignment/sql.js';
import { OFFBOARDING_WORKFLOW, offboardingWorkflowId, type OffboardingInput } from '../../../workflows/assignment-messages.js';
import type { Actor } from '../../../workflows/messages.js';
import { actorLabel } from '../../../workflows/messages.js';
import { conflict, notFound } from '../../http/problem.js';
import { configTx } from './config-tx.js';

const dto = (r: Row) => ({
  id: String(r.id), repId: String(r.rep_id), workflowId: String(r.workflow_id), status: String(r.status), deactivate: r.deactivate === true,
  total: Number(r.total), processed: Number(r.processed), reassigned: Number(r.reassigned), failed: Number(r.failed),
  lastLeadId: (r.last_lead_id as string | null) ?? null, errors: (r.errors as { leadId: string; error: string }[]) ?? [],
  requestedBy: String(r.requested_by), startedAt: isoOf(r.started_at), updatedAt: isoOf(r.updated_at), finishedAt: isoOrNull(r.finished_at),
});
export type OffboardingDto = ReturnType<typeof dto>;

export async function startOffboarding(
  deps: { orm: MikroORM; temporal: Client; taskQueue: string }, repId: string, opts: { deactivate: boolean; pageSize: number }, actor: Actor,
): Promise<OffboardingDto> {
  const id = randomUUID();
  const workflowId = offboardingWorkflowId(repId);
  await configTx(deps.orm, async (em) => {
    const [rep] = await rows(em, 'select id from rep where id = ? for update', [repId]);
    if (!rep) throw notFound('rep', repId);
    await run(em, `update rep set available = false, available_changed_at = case when available then now() else available_changed_at end,
      active = case when ? then false else active end, updated_at = now() where id = ?`, [opts.deactivate, repId]);
    await run(em, 'insert into offboarding (id, rep_id, workflow_id, deactivate, requested_by) values (?, ?, ?, ?, ?)', [id, repId, workflowId, opts.deactivate, actorLabel(actor)]);
  });
  const input: OffboardingInput = { offboardingId: id, repId, actor, pageSize: opts.pageSize };
  try {
    await deps.temporal.workflow.start(OFFBOARDING_WORKFLOW, { taskQueue: deps.taskQueue, workflowId, args: [input], workflowIdConflictPolicy: 'FAIL' });
  } catch (err) {
    await run(deps.orm.em.fork(), 'delete from offboarding where id = ?', [id]);
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      const running = await latestOffboarding(deps.orm.em.fork(), repId);
      throw conflict('offboarding_running', `rep '${repId}' is already being offboarded`, { offboardingId: running?.id ?? null });
    }
    throw err;
  }
  return (await findOffboarding(deps.orm.em.fork(), id))!;
}

export async function findOffboarding(em: EntityManager, id: string): Promise<OffboardingDto | null> {
  const [row] = await rows(em, 'select * from offboarding where id = ?', [id]);
  return row ? dto(row) : null;
}

export async function latestOffboarding(em: EntityManager, repId: string): Promise<OffboardingDto | null> {
  const [row] = await rows(em, 'select * from offboarding where rep_id = ? order by started_at desc, id desc limit 1', [repId]);
  return row ? dto(row) : null;
}
