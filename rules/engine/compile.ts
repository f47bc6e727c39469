// Compiles a rule set once (validating it first) into closures that evaluate many leads fast.
// Generated rules make the set's shortcuts explicit and traceable: a qualification score threshold
// becomes `$score >= N`, each ranking score range becomes `$score 40-60`.
import type { AttributeCatalogs } from './attributes.js';
import { compileCondition, type CompiledNode, type Path } from './compile-condition.js';
import type { Condition } from './conditions.js';
import type { ActionOf, AnyAction, EvaluationMode, RuleSet, RuleSetInput, RuleSetOf, RuleSetRef, RuleSetType } from './schema.js';
import { validateRuleSet, type RuleSetError } from './validate.js';

export interface CompiledRule<T extends RuleSetType> {
  name: string;
  /** JSON path of the rule in the definition (generated rules point at the setting they come from). */
  path: Path;
  generated: boolean;
  when: CompiledNode;
  then: ActionOf<T>;
}

export interface CompiledRuleSetOf<T extends RuleSetType> {
  type: T;
  ref: RuleSetRef;
  mode: EvaluationMode;
  definition: RuleSetOf<T>;
  guard: CompiledNode | null;
  rules: readonly CompiledRule<T>[];
}
/** Distributes over T so that `switch (set.type)` narrows the actions. */
export type CompiledRuleSet<T extends RuleSetType = RuleSetType> = T extends RuleSetType ? CompiledRuleSetOf<T> : never;

export class RuleSetValidationError extends Error {
  constructor(readonly errors: RuleSetError[]) {
    super(`invalid rule set: ${errors.map((e) => `${e.path.join('.') || '(root)'}: ${e.message}`).join('; ')}`);
    this.name = 'RuleSetValidationError';
  }
}

interface RuleSource { name: string; path: Path; generated: boolean; when: Condition; then: AnyAction }

function ruleSources(def: RuleSet): RuleSource[] {
  const out: RuleSource[] = def.rules.map((r, i) => ({ name: r.name, path: ['rules', i], generated: false, when: r.when, then: r.then }));
  if (def.type === 'qualification' && def.scoreThreshold !== undefined) {
    out.push({
      name: `$score >= ${def.scoreThreshold}`, path: ['scoreThreshold'], generated: true,
      when: { attr: 'score', op: 'gte', value: def.scoreThreshold }, then: { qualified: true },
    });
  }
  if (def.type === 'ranking' && def.scoreRanges) {
    def.scoreRanges.forEach((r, i) => out.push({
      name: `$score ${r.min}-${r.max}`, path: ['scoreRanges', i], generated: true,
      when: { attr: 'score', op: 'between', value: [r.min, r.max] }, then: { rank: r.rank },
    }));
  }
  return out;
}

/** Compiles an already validated definition (from validateRuleSet). */
export function compileValidRuleSet(def: RuleSet, catalogs: AttributeCatalogs = {}): CompiledRuleSet {
  const rules = ruleSources(def).map((r) => ({
    name: r.name, path: r.path, generated: r.generated, then: r.then,
    when: compileCondition(r.when, r.generated ? r.path : [...r.path, 'when'], catalogs),
  }));
  const compiled: CompiledRuleSetOf<RuleSetType> = {
    type: def.type,
    ref: { id: def.id, version: def.version, type: def.type },
    mode: def.mode,
    definition: def,
    guard: def.guards ? compileCondition(def.guards, ['guards'], catalogs) : null,
    rules,
  };
  return compiled as CompiledRuleSet;
}

/** Validates (throws RuleSetValidationError with every error and its path) and compiles. */
export function compileRuleSet<I extends RuleSetInput>(input: I, catalogs?: AttributeCatalogs): CompiledRuleSet<I['type']>;
export function compileRuleSet(input: unknown, catalogs?: AttributeCatalogs): CompiledRuleSet;
export function compileRuleSet(input: unknown, catalogs: AttributeCatalogs = {}): CompiledRuleSet {
  const result = validateRuleSet(input, catalogs);
  if (!result.ok) throw new RuleSetValidationError(result.errors);
  return compileValidRuleSet(result.value, catalogs);
}

/** Narrows a compiled set to the type a caller needs (the pipeline stages, the assignment engine). */
export function expectRuleSetType<T extends RuleSetType>(set: CompiledRuleSet, ...types: T[]): CompiledRuleSet<T> {
  if (!(types as RuleSetType[]).includes(set.type)) {
    throw new TypeError(`rule set ${set.ref.id} v${set.ref.version} is a ${set.type} set; expected ${types.join(' or ')}`);
  }
  return set as CompiledRuleSet<T>;
}
