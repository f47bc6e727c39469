// Queued leads (outcome `queued`: their candidates were full or away) are signalled
// (capacityFreed) when one of their candidates gets room outside a release: back from leave,
// capacity raised, reactivated. Oldest first, at most the rep's free room (5 at most).
import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { pickQueuedLeads } from '../../../db/assignment/queue.js';
import type { Logger } from '../../../platform/logger.js';
import { capacityFreedSignal, leadWorkflowId } from '../../../workflows/messages.js';
import type { RepDto } from './reps.js';

export async function signalQueuedLeadsFor(deps: { orm: MikroORM; temporal: Client; logger: Logger }, rep: RepDto): Promise<string[]> {
  if (!rep.active || !rep.available) return [];
  const room = rep.capacity === null ? 5 : Math.min(5, rep.capacity - rep.openLeadCount);
  if (room <= 0) return [];
  const picked = await deps.orm.em.fork().transactional((em) => pickQueuedLeads(em, rep.id, room));
  const signalled: string[] = [];
  for (const leadId of picked) {
    try {
      await deps.temporal.workflow.getHandle(leadWorkflowId(leadId)).signal(capacityFreedSignal);
      signalled.push(leadId);
    } catch (err) {
      deps.logger.warn({ err, leadId }, 'capacityFreed signal not delivered');
    }
  }
  return signalled;
}
