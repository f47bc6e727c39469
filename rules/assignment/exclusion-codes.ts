// Why a matched candidate was not eligible. Temporary reasons let a step queue the lead and wait.
export const EXCLUSION_CODES = [
  'unknown_rep',
  'inactive',
  'already_had_lead',
  'rule_failed',
  'out_of_office',
  'outside_working_hours',
  'not_available_within',
  'later_availability_bucket',
  'at_capacity',
] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

/** Reasons that pass with time or closed leads: the lead may wait for these candidates. */
export const TEMPORARY_EXCLUSIONS: ReadonlySet<ExclusionCode> = new Set<ExclusionCode>([
  'out_of_office',
  'outside_working_hours',
  'not_available_within',
  'at_capacity',
]);

export const EXCLUSION_LABELS: Readonly<Record<ExclusionCode, string>> = {
  unknown_rep: 'Not a known rep',
  inactive: 'Inactive',
  already_had_lead: 'Already had this lead',
  rule_failed: 'Rule failed',
  out_of_office: 'Out of office',
  outside_working_hours: 'Outside working hours',
  not_available_within: 'Not available within the time limit',
  later_availability_bucket: 'Others are available sooner',
  at_capacity: 'At capacity',
};
