// previewAssignment: what routing would do for a stored lead now (the active configuration, the
// reps' current state), without locks or writes. The lead workflow uses it after attribute
// changes to decide whether a not yet accepted lead must be routed again.
import { ApplicationFailure } from '@temporalio/common';
import { loadLeadForRouting } from '../db/assignment/lead-facts.js';
import type { RoutingPreview } from '../workflows/lead-activities.js';
import type { AssignmentContext } from './assignment-context.js';
import { batchContext, decideFor, resultOf, type Prepared } from './assign-prepare.js';
import { rows } from '../db/assignment/sql.js';

export async function previewAssignment(ctx: AssignmentContext, input: { leadId: string; excludeRepIds: string[] }): Promise<RoutingPreview> {
  const em = ctx.orm.em.fork();
  const lead = await loadLeadForRouting(em, input.leadId);
  if (!lead) throw ApplicationFailure.nonRetryable(`lead ${input.leadId} does not exist`, 'LeadNotFound');
  const [settings] = await rows(em, 'select revision from assignment_settings where id = 1');
  const catalog = await ctx.catalog.get(em, Number(settings?.revision ?? 0));
  // Reps holding the lead now count it; the preview asks where it would go if it were free.
  const prepared: Prepared = {
    pending: { input: { leadId: input.leadId, eventKey: 'preview', actor: { kind: 'system', id: 'preview' }, reason: 'attributes_changed', excludeRepIds: input.excludeRepIds, attempt: 1, offerDeadline: new Date().toISOString() }, resolve: () => undefined, reject: () => undefined, attempts: 0, extraReps: [], extraPools: [] },
    lead,
    holders: [],
    routing: catalog.routing,
    exclude: input.excludeRepIds,
  };
  const b = await batchContext(ctx, em, catalog, [prepared]);
  const decision = decideFor(b, prepared, [...catalog.reps.values()].map((r) => r.rep), [...catalog.pools.values()], ctx.clock().toISOString(), false);
  const result = resultOf('preview', decision);
  const deciding = decision.steps.find((s) => s.status === 'assigned' || s.status === 'queued');
  return { outcome: result.outcome, candidateRepIds: deciding ? [...deciding.considered] : [], summary: decision.summary };
}
