// Leads waiting for capacity (outcome `queued`): which of them a rep with free room could take,
// oldest first. Picked leads are marked signalled, so concurrent releases pick different leads;
// a lead that waits again (re-queued) becomes eligible at once, a signalled one after 30 s.
import type { EntityManager } from '@mikro-orm/postgresql';
import { json, rows } from './sql.js';

export async function pickQueuedLeads(em: EntityManager, repId: string, limit: number, exceptLeadId?: string): Promise<string[]> {
  if (limit <= 0) return [];
  const picked = await rows(
    em,
    `update assignment_queue_entry q set signalled_at = now()
       where q.lead_id in (
         select e.lead_id from assignment_queue_entry e join lead l on l.id = e.lead_id
          where e.candidate_rep_ids @> ?::jsonb and l.assignment_status = 'Queued' and l.closed_at is null
            and (e.signalled_at is null or e.signalled_at < now() - interval '30 seconds') and e.lead_id <> ?
          order by e.queued_at, e.lead_id limit ? for update of e skip locked)
     returning q.lead_id, q.queued_at`,
    [json([repId]), exceptLeadId ?? '00000000-0000-0000-0000-000000000000', limit],
  );
  return picked.sort((a, b) => String(a.queued_at).localeCompare(String(b.queued_at)) || String(a.lead_id).localeCompare(String(b.lead_id))).map((r) => String(r.lead_id));
}
