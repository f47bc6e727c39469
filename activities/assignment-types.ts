// The assignment activities' contract with the lead lifecycle workflow: the types are defined
// once, in workflows/lead-activities.ts (the workflow imports only types); these are the names
// the assignment code uses.
import type { AssignResult, ReleaseInput } from '../workflows/lead-activities.js';

export type {
  AssignReason,
  AssignInput as AssignLeadInput,
  AssignResult as AssignLeadResult,
  ManualAssignmentInput as RecordManualAssignmentInput,
  ReleaseInput as ReleaseLeadInput,
} from '../workflows/lead-activities.js';

export type AssignOutcome = AssignResult['outcome'];
export type ReleaseReason = ReleaseInput['reason'];

export interface ReleaseLeadResult {
  released: boolean;
  signalledLeadIds: string[];
}
