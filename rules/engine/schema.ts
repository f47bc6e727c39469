// Rule-set definitions (JSON-storable). The zod schema is the single source of the types; the
// validator adds the checks that need catalogs or cross-field reasoning (see validate.ts).
import { z } from 'zod';
import { DEFAULT_RANK_LABELS } from '../lookups.js';
import { conditionSchema } from './conditions.js';

export const RULE_SET_TYPES = ['qualification', 'rating', 'scoring', 'ranking', 'channel', 'assignment', 'territory_filter'] as const;
export const EVALUATION_MODES = ['first_match', 'all_match'] as const;
export type EvaluationMode = (typeof EVALUATION_MODES)[number];

/** Scoring and assignment add up every matching rule; the others stop at the first match. */
export const DEFAULT_MODES = {
  qualification: 'first_match', rating: 'first_match', scoring: 'all_match', ranking: 'first_match',
  channel: 'first_match', assignment: 'all_match', territory_filter: 'first_match',
} as const satisfies Record<(typeof RULE_SET_TYPES)[number], EvaluationMode>;

const text = (max: number) => z.string().trim().min(1).max(max);
const label = text(50);
const ruleName = text(200).regex(/^[^$]/, 'rule names may not start with "$" (reserved for generated rules)');

function rules<A extends z.ZodType>(action: A) {
  const rule = z.strictObject({ name: ruleName, description: z.string().max(2000).optional(), when: conditionSchema, then: action });
  return z.array(rule).max(1000).default([]);
}

const common = {
  id: text(100),
  version: z.int().min(1),
  name: text(200),
  description: z.string().max(2000).optional(),
  /** The domain: a lead outside the guards is not processed by this set. */
  guards: conditionSchema.optional(),
};
const mode = (d: EvaluationMode) => z.enum(EVALUATION_MODES).default(d);
/** Inclusive integer bounds, e.g. scores clamp to 0..100. */
export const scoreBoundsSchema = z.strictObject({ min: z.int(), max: z.int() });
const bounds = scoreBoundsSchema.default({ min: 0, max: 100 });
const labels = z.array(label).min(1).max(20).default([...DEFAULT_RANK_LABELS]);
export const scoreRangeSchema = z.strictObject({ min: z.int(), max: z.int(), rank: label });

export const qualificationSetSchema = z.strictObject({
  ...common, type: z.literal('qualification'), mode: mode(DEFAULT_MODES.qualification),
  rules: rules(z.strictObject({ qualified: z.boolean() })),
  /** Also qualify a lead whose score reaches this threshold (evaluated after the rules). */
  scoreThreshold: z.number().optional(),
});
export const ratingSetSchema = z.strictObject({
  ...common, type: z.literal('rating'), mode: mode(DEFAULT_MODES.rating),
  /** Best first; all_match keeps the best label matched. */
  labels, rules: rules(z.strictObject({ rank: label })),
});
export const rankingSetSchema = z.strictObject({
  ...common, type: z.literal('ranking'), mode: mode(DEFAULT_MODES.ranking),
  labels, scoreRange: bounds,
  rules: rules(z.strictObject({ rank: label })),
  /** Rank by score: contiguous, non-overlapping integer ranges covering scoreRange; after the rules. */
  scoreRanges: z.array(scoreRangeSchema).max(100).optional(),
});
export const scoringSetSchema = z.strictObject({
  ...common, type: z.literal('scoring'), mode: mode(DEFAULT_MODES.scoring),
  /** The aggregate of the matching rules' points is clamped to this range. */
  scoreRange: bounds,
  rules: rules(z.strictObject({ points: z.int().min(-1_000_000).max(1_000_000) })),
});
export const channelSetSchema = z.strictObject({
  ...common, type: z.literal('channel'), mode: mode(DEFAULT_MODES.channel),
  /** When given, every rule must route to one of these. */
  channels: z.array(text(100)).min(1).max(100).optional(),
  rules: rules(z.strictObject({ salesChannel: text(100) })),
});
export const assignmentSetSchema = z.strictObject({
  ...common, type: z.literal('assignment'), mode: mode(DEFAULT_MODES.assignment),
  /** A candidate is selected only when its points reach this. */
  minPoints: z.number().optional(),
  rules: rules(z.strictObject({
    effect: z.enum(['select', 'exclude']).default('select'),
    team: text(100).optional(),
    points: z.int().min(-1_000_000).max(1_000_000).optional(),
    reason: text(200).optional(),
  })),
});
export const territoryFilterSetSchema = z.strictObject({
  ...common, type: z.literal('territory_filter'), mode: mode(DEFAULT_MODES.territory_filter),
  /** What happens to a territory no rule matched (inside the guards). */
  unmatched: z.enum(['keep', 'drop']).default('drop'),
  rules: rules(z.strictObject({ keep: z.boolean() })),
});

export const ruleSetSchema = z.discriminatedUnion('type', [
  qualificationSetSchema, ratingSetSchema, scoringSetSchema, rankingSetSchema,
  channelSetSchema, assignmentSetSchema, territoryFilterSetSchema,
]);

/** A validated rule set (defaults applied). */
export type RuleSet = z.output<typeof ruleSetSchema>;
/** What a caller may store/send (defaults optional). */
export type RuleSetInput = z.input<typeof ruleSetSchema>;
export type RuleSetType = RuleSet['type'];
export type RuleSetOf<T extends RuleSetType> = Extract<RuleSet, { type: T }>;
export type RuleOf<T extends RuleSetType> = RuleSetOf<T>['rules'][number];
export type ActionOf<T extends RuleSetType> = RuleOf<T>['then'];
export type AnyAction = ActionOf<RuleSetType>;
export interface RuleSetRef { id: string; version: number; type: RuleSetType }
