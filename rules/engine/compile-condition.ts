// Compiles a (validated) condition tree into closures once: `test(facts)` is the fast path (no
// allocation); the node fields let the explainer and the trace replay re-run each comparison.
import { resolveAttribute, getterFor, type AttributeCatalogs, type Facts, type Getter } from './attributes.js';
import { checkFor, prepareExpected, type Check } from './checks.js';
import { isLeaf, type Condition } from './conditions.js';
import type { Operator, ValueType } from './operators.js';
import { INVALID } from './values.js';

export type Path = readonly (string | number)[];
export type Test = (facts: Facts) => boolean;

export interface CompiledLeaf {
  kind: 'leaf';
  path: Path;
  attr: string;
  op: Operator;
  type: ValueType;
  /** The literal as written (undefined for valueFrom and is_empty / is_not_empty). */
  literal: unknown;
  valueFrom?: string;
  get: Getter;
  getFrom?: Getter;
  /** The literal prepared for `check` (lower-cased, dates as ms...). */
  expected: unknown;
  prepare: (raw: unknown) => unknown;
  check: Check;
  test: Test;
}
export interface CompiledGroup { kind: 'all' | 'any'; path: Path; children: CompiledNode[]; test: Test }
export interface CompiledNot { kind: 'not'; path: Path; child: CompiledNode; test: Test }
export type CompiledNode = CompiledLeaf | CompiledGroup | CompiledNot;

export class CompileError extends Error {}

function leafTest(get: Getter, check: Check, expected: unknown, getFrom: Getter | undefined, prepare: (raw: unknown) => unknown): Test {
  if (getFrom) {
    return (f) => {
      const e = prepare(getFrom(f));
      return e !== INVALID && check(get(f), e);
    };
  }
  if (expected === INVALID) return () => false;
  return (f) => check(get(f), expected);
}

function allTest(tests: Test[]): Test {
  const [a, b] = tests;
  if (tests.length === 1 && a) return a;
  if (tests.length === 2 && a && b) return (f) => a(f) && b(f);
  return (f) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(f)) return false;
    return true;
  };
}

function anyTest(tests: Test[]): Test {
  const [a, b] = tests;
  if (tests.length === 1 && a) return a;
  if (tests.length === 2 && a && b) return (f) => a(f) || b(f);
  return (f) => {
    for (let i = 0; i < tests.length; i++) if (tests[i]!(f)) return true;
    return false;
  };
}

export function compileCondition(c: Condition, path: Path, catalogs: AttributeCatalogs): CompiledNode {
  if (isLeaf(c)) {
    const attr = resolveAttribute(c.attr, catalogs);
    if (!attr.ok) throw new CompileError(`${path.join('.')}: ${attr.message}`);
    const { type } = attr.ref;
    const get = getterFor(attr.ref);
    let getFrom: Getter | undefined;
    if (c.valueFrom !== undefined) {
      const from = resolveAttribute(c.valueFrom, catalogs);
      if (!from.ok) throw new CompileError(`${path.join('.')}: ${from.message}`);
      getFrom = getterFor(from.ref);
    }
    const check = checkFor(type, c.op);
    const prepare = (raw: unknown): unknown => prepareExpected(type, c.op, raw);
    const expected = getFrom ? undefined : prepare(c.value);
    return {
      kind: 'leaf', path, attr: attr.ref.name, op: c.op, type, literal: c.value,
      ...(c.valueFrom !== undefined ? { valueFrom: c.valueFrom } : {}),
      get, getFrom, expected, prepare, check, test: leafTest(get, check, expected, getFrom, prepare),
    };
  }
  if ('not' in c) {
    const child = compileCondition(c.not, [...path, 'not'], catalogs);
    const t = child.test;
    return { kind: 'not', path, child, test: (f) => !t(f) };
  }
  const kind = 'all' in c ? 'all' : 'any';
  const list = 'all' in c ? c.all : c.any;
  const children = list.map((child, i) => compileCondition(child, [...path, kind, i], catalogs));
  const tests = children.map((n) => n.test);
  return { kind, path, children, test: kind === 'all' ? allTest(tests) : anyTest(tests) };
}
