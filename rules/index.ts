// Public API of the pure rules engine (no I/O): rule-set schemas and validation, compile once and
// evaluate many, explanations and their replay, the lead processing pipeline, candidate selection,
// territory filtering, and assessment templates.
export * from './lead-attributes.js';
export * from './lookups.js';

export { OPERATORS, OPERATORS_BY_TYPE, OPERATOR_ARITY, operatorApplies, type Operator, type ValueType, type Arity } from './engine/operators.js';
export { conditionSchema, leafConditionSchema, type Condition, type LeafCondition, type ConditionValue } from './engine/conditions.js';
export {
  ruleSetSchema, RULE_SET_TYPES, EVALUATION_MODES, DEFAULT_MODES, scoreRangeSchema, scoreBoundsSchema,
  type RuleSet, type RuleSetInput, type RuleSetType, type RuleSetOf, type RuleOf, type ActionOf, type RuleSetRef, type EvaluationMode,
} from './engine/schema.js';
export { resolveAttribute, DERIVED_KEYS, type Facts, type DerivedValues, type AttributeCatalogs, type AttributeRef, type Namespace } from './engine/attributes.js';
export { validateRuleSet } from './engine/validate.js';
export type { RuleSetError, RuleSetErrorCode, ValidationError, ValidationResult, ErrorPath } from './engine/errors.js';
export { compileRuleSet, compileValidRuleSet, expectRuleSetType, RuleSetValidationError, type CompiledRuleSet, type CompiledRule } from './engine/compile.js';
export type { CompiledNode, Path } from './engine/compile-condition.js';
export { evaluate, type EvaluateOptions } from './engine/evaluate.js';
export type {
  RuleSetResult, ResultOf, QualificationResult, RankResult, ScoringResult, ChannelResult, AssignmentResult, TerritoryFilterResult,
} from './engine/results.js';
export type { RuleSetTrace, RuleTrace, ConditionTrace, LeafTrace } from './engine/trace.js';
export { replayTrace, type ReplayResult } from './engine/replay.js';
export { describeTrace } from './engine/describe.js';
export { runPipeline, type PipelineSets, type PipelineResult, type PipelineStage } from './engine/pipeline.js';
export { selectCandidates, filterTerritories, type CandidateSelection, type TerritoryFiltering } from './engine/candidates.js';
export { accepts, createRuleMatcher, type RuleMatch, type RuleMatcher } from './engine/matcher.js';

export * from './assessment/index.js';
