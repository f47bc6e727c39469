// Attribute references in conditions: `purchaseAmount` (or `lead.purchaseAmount`), `custom.<key>`,
// `candidate.<key>`, `territory.<key>`. Resolves a name to its type and a getter over the facts.
import { LEAD_ATTRIBUTE_CATALOG, type AttributeCatalog, type AttributeSpec } from '../lead-attributes.js';
import type { ValueType } from './operators.js';
import { DAY_MS, isNumber, isRecord, toMs } from './values.js';

/** The values the pipeline derives; in facts they override the lead's own (stored) values. */
export const DERIVED_KEYS = ['score', 'qualified', 'status', 'rank'] as const;
export type DerivedValues = { [K in (typeof DERIVED_KEYS)[number]]?: unknown };

/** What a rule set is evaluated against. `now` is an input: the engine never reads the clock. */
export interface Facts {
  lead: Readonly<Record<string, unknown>>;
  candidate?: Readonly<Record<string, unknown>>;
  territory?: Readonly<Record<string, unknown>>;
  /** Values computed earlier in this run (score, qualified, status, rank); undefined ones fall back to the lead's. */
  derived?: DerivedValues;
  now: Date;
}

export type Getter = (facts: Facts) => unknown;
export type Namespace = 'lead' | 'custom' | 'candidate' | 'territory';

/** Optional typed catalogs supplied by the caller (custom attributes, rep/team candidates, territories). */
export interface AttributeCatalogs {
  custom?: AttributeCatalog;
  candidate?: AttributeCatalog;
  territory?: AttributeCatalog;
}

export interface AttributeRef {
  name: string;
  namespace: Namespace;
  key: string;
  /** undefined: untyped (typed at run time). */
  spec: AttributeSpec | undefined;
  type: ValueType;
}

export type ResolveResult = { ok: true; ref: AttributeRef } | { ok: false; message: string };

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const NAMESPACES: readonly Namespace[] = ['custom', 'candidate', 'territory'];

export function resolveAttribute(name: string, catalogs: AttributeCatalogs = {}): ResolveResult {
  const bare = name.startsWith('lead.') ? name.slice(5) : name;
  const dot = bare.indexOf('.');
  if (dot < 0) {
    const spec = LEAD_ATTRIBUTE_CATALOG[bare];
    if (!spec || !Object.hasOwn(LEAD_ATTRIBUTE_CATALOG, bare)) return { ok: false, message: `unknown lead attribute "${name}"` };
    return { ok: true, ref: { name: bare, namespace: 'lead', key: bare, spec, type: spec.type } };
  }
  const namespace = bare.slice(0, dot) as Namespace;
  const key = bare.slice(dot + 1);
  if (!NAMESPACES.includes(namespace)) return { ok: false, message: `unknown attribute "${name}" (namespaces: custom., candidate., territory.)` };
  if (!KEY.test(key)) return { ok: false, message: `"${key}" is not a valid ${namespace} attribute key` };
  const catalog = catalogs[namespace as 'custom' | 'candidate' | 'territory'];
  const spec = catalog && Object.hasOwn(catalog, key) ? catalog[key] : undefined;
  if (catalog && !spec && namespace !== 'custom') return { ok: false, message: `unknown ${namespace} attribute "${key}"` };
  return { ok: true, ref: { name: `${namespace}.${key}`, namespace, key, spec, type: spec?.type ?? 'any' } };
}

function leadAgeDays(facts: Facts): unknown {
  const created = toMs(facts.lead['createdAt']);
  if (created === undefined) {
    const given = facts.lead['leadAgeDays'];
    return isNumber(given) ? given : undefined;
  }
  return Math.floor((facts.now.getTime() - created) / DAY_MS);
}

export function getterFor(ref: AttributeRef): Getter {
  const key = ref.key;
  switch (ref.namespace) {
    case 'lead': {
      if (key === 'leadAgeDays') return leadAgeDays;
      if ((DERIVED_KEYS as readonly string[]).includes(key)) {
        const k = key as (typeof DERIVED_KEYS)[number];
        return (f) => {
          const v = f.derived?.[k];
          return v === undefined ? f.lead[k] : v;
        };
      }
      return (f) => f.lead[key];
    }
    case 'custom':
      return (f) => {
        const bag = f.lead['custom'];
        return isRecord(bag) ? bag[key] : undefined;
      };
    case 'candidate':
      return (f) => f.candidate?.[key];
    case 'territory':
      return (f) => f.territory?.[key];
  }
}
