// Lookup values from the seeds (Oracle Sales Lead Lookups). Labels shown to users; stored as-is.

export const LEAD_SOURCES = ['web_form', 'api', 'campaign', 'partner', 'import'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const LEAD_STATUSES = ['Unqualified', 'Qualified', 'Converted', 'Retired'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const BUDGET_STATUSES = ['Approved', 'Pending', 'Unknown'] as const;
export const CUSTOMER_SIZES = ['Small', 'Medium', 'Large', 'Enterprise'] as const;
export const PURCHASE_TIMEFRAMES = [
  'Within 1 month',
  '1-3 months',
  '3-6 months',
  '6-12 months',
  'More than 1 year',
] as const;
export const LEAD_CHANNELS = [
  'Direct mail',
  'E-Mail',
  'Fax',
  'Phone',
  'Sales visit',
  'Web',
  'Wireless message',
  'Prediction',
  'Model based prediction',
  'Rule based prediction',
] as const;

/** Assignment status of the lifecycle (Oracle's Assigned/Reassigned/Rejected plus the states in between). */
export const ASSIGNMENT_STATUSES = ['Unassigned', 'Offered', 'Queued', 'Assigned', 'Reassigned', 'Rejected', 'Hopper'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const ACCEPTANCE_STATUSES = ['Yes', 'No'] as const;
export const REJECT_REASONS = ['Duplicate lead', 'Failed to reach contact', 'Incorrect data'] as const;
export const RETIRE_REASONS = ['Duplicate lead', 'No purchase interest', 'No activity'] as const;
/** Reasons a caller may give; 'No activity' is reserved for the stale timer. */
export const USER_RETIRE_REASONS = ['Duplicate lead', 'No purchase interest'] as const;
export const REASSIGN_REASONS = ['No activity', 'Workload', 'Other'] as const;
export const ACCESS_LEVELS = ['Full', 'Edit', 'View only'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const DEFAULT_RANK_LABELS = ['A', 'B', 'C', 'D'] as const;
export const TEMPERATURE_RANK_LABELS = ['Hot', 'Warm', 'Cool'] as const;

export const PROCESS_TYPES = ['Assignment', 'Qualification', 'Ranking', 'Scoring', 'Realign with territories'] as const;
export const SCHEDULE_MODES = ['Immediate', 'Schedule date', 'Repeats'] as const;
export const REPEAT_FREQUENCIES = ['Days', 'Weeks', 'Months', 'Years'] as const;
export const PROGRESS_STATUSES = ['New', 'Scheduled', 'In progress', 'Completed', 'Completed with error'] as const;
