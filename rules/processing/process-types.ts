// Lead processing activities (seeds: Lead Assignment Process Type): what each process type
// evaluates, which rule sets fit it, and which lead fields it may change. Pure.
import type { PipelineStage, RuleSetType } from '../index.js';
import { PROCESS_TYPES } from '../lookups.js';

export { PROCESS_TYPES };
export type ProcessType = (typeof PROCESS_TYPES)[number];

/** Derived lead fields a batch run writes. */
export type ProcessedField = 'status' | 'qualified' | 'rank' | 'score';

export interface ProcessTypeSpec {
  /** The pipeline stage it runs (null: no rule set; Assignment uses the routing configuration, Realign the territories). */
  stage: PipelineStage | null;
  /** Rule set types that fit (the stage's active set is the default). */
  ruleSetTypes: readonly RuleSetType[];
  /** The derived fields the run may change; every other field of the lead stays as it is. */
  fields: readonly ProcessedField[];
}

export const PROCESS_TYPE_SPECS: Readonly<Record<ProcessType, ProcessTypeSpec>> = {
  Scoring: { stage: 'scoring', ruleSetTypes: ['scoring'], fields: ['score'] },
  Ranking: { stage: 'rating', ruleSetTypes: ['rating', 'ranking'], fields: ['rank'] },
  // A lead that is no longer qualified loses its rank (the pipeline grades qualified leads only).
  Qualification: { stage: 'qualification', ruleSetTypes: ['qualification'], fields: ['status', 'qualified', 'rank'] },
  Assignment: { stage: null, ruleSetTypes: [], fields: [] },
  'Realign with territories': { stage: null, ruleSetTypes: [], fields: [] },
};

export const usesRuleSet = (t: ProcessType): boolean => PROCESS_TYPE_SPECS[t].stage !== null;
