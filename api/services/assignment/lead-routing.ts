// GET /leads/:id/routing: every routing decision for the lead (newest first, full explanation),
// its lead team (access levels) and territory team.
import type { EntityManager } from '@mikro-orm/postgresql';
import { expandDecision } from '../../../db/assignment/explain.js';
import { isoOf, isoOrNull, rows } from '../../../db/assignment/sql.js';
import type { Decision } from '../../../rules/assignment/index.js';

export async function leadRouting(em: EntityManager, leadId: string) {
  const decisions = await rows(em, 'select * from assignment_decision where lead_id = ? order by created_at desc, id desc', [leadId]);
  const team = await rows(em, 'select rep_id, access_level, origin, territory_id, added_at from lead_team_member where lead_id = ? order by added_at, rep_id', [leadId]);
  const territories = await rows(em, 'select territory_id, added_at from lead_territory where lead_id = ? order by added_at, territory_id', [leadId]);
  return {
    leadId,
    decisions: decisions.map((d) => ({
      id: String(d.id), eventKey: String(d.event_key), reason: String(d.reason), attempt: Number(d.attempt), actor: String(d.actor),
      outcome: d.outcome as 'offered' | 'queued' | 'hopper' | 'default_queue', repId: (d.winner_rep_id as string | null) ?? null,
      queueId: (d.queue_id as string | null) ?? null, retryAt: isoOrNull(d.retry_at), summary: String(d.summary), routingId: String(d.routing_id),
      routingVersion: Number(d.routing_version), createdAt: isoOf(d.created_at), decision: expandDecision(d.decision as Decision),
    })),
    leadTeam: team.map((m) => ({
      repId: String(m.rep_id), accessLevel: m.access_level as 'Full' | 'Edit' | 'View only', origin: String(m.origin),
      territoryId: (m.territory_id as string | null) ?? null, addedAt: isoOf(m.added_at),
    })),
    territories: territories.map((t) => ({ territoryId: String(t.territory_id), addedAt: isoOf(t.added_at) })),
  };
}
