// The seam to the rules engine (built elsewhere): routing takes rule evaluation as a function.
import type { AssignmentLead } from './model/lead.js';
import type { Rep } from './model/rep.js';
import type { Territory } from './model/territory.js';

export interface RuleFacts {
  lead: AssignmentLead;
  candidate?: Rep;
  territory?: Territory;
}

export interface RuleResult {
  matched: boolean;
  /** Human text, e.g. "condition 2 failed: purchaseAmount 2000000 is not < 1000000". */
  explanation: string;
  trace?: unknown;
}

/** Must be pure and deterministic (same rule set version + facts -> same result). */
export type EvaluateRule = (ruleSetId: string, facts: RuleFacts) => RuleResult;
