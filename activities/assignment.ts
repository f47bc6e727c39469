// Assignment activities for the lead lifecycle workflow (signatures in assignment-types.ts):
//  - assignLead: route the lead (offer to a rep, queue it, or hopper/default queue), one transaction;
//  - releaseLead: a rep stops counting the lead; queued leads this frees room for are signalled;
//  - recordManualAssignment: a claim or manual reassignment counts the lead for the rep.
import type { ActivityDeps } from './deps.js';
import { assignLead } from './assign-lead.js';
import { assignmentContext, type AssignmentOptions } from './assignment-context.js';
import type { AssignLeadInput, AssignLeadResult, RecordManualAssignmentInput, ReleaseLeadInput, ReleaseLeadResult } from './assignment-types.js';
import { previewAssignment } from './assignment-preview.js';
import { recordManualAssignment, releaseLead } from './capacity.js';
import type { RoutingPreview } from '../workflows/lead-activities.js';

export type * from './assignment-types.js';
export type { AssignmentOptions };

export function assignmentActivities(deps: ActivityDeps, options: AssignmentOptions = {}) {
  const ctx = assignmentContext(deps, options);
  return {
    async assignLead(input: AssignLeadInput): Promise<AssignLeadResult> {
      const result = await assignLead(ctx, input);
      if (result.outcome === 'offered') deps.metrics?.offers.inc();
      return result;
    },
    async releaseLead(input: ReleaseLeadInput): Promise<ReleaseLeadResult> {
      return releaseLead(ctx, input);
    },
    async recordManualAssignment(input: RecordManualAssignmentInput): Promise<{ assigned: boolean }> {
      return recordManualAssignment(ctx, input);
    },
    async previewAssignment(input: { leadId: string; excludeRepIds: string[] }): Promise<RoutingPreview> {
      return previewAssignment(ctx, input);
    },
  };
}
