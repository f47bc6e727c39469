// The lifecycle settings' defaults as plain data (no zod): the workflow bundle imports this, and
// workflow code re-initialises its modules for every new workflow, so it stays small.
export const LIFECYCLE_DEFAULTS = {
  offerTimeoutMinutes: 30,
  maxOfferAttempts: 3,
  staleAfterDays: 30,
  escalateRanks: ['A', 'B'],
  telemarketingTeamId: null,
  dedupe: { enabled: true, matchOn: ['contact_email', 'name_and_company'], windowDays: 90 },
} as const;
