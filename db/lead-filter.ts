// Selecting stored leads with a list of conditions (ANDed), e.g. for simulations: the same
// attribute names, operators and values as rule conditions, checked by the rules validator and
// translated to SQL with the engine's semantics (strings case-insensitive; a missing value
// satisfies only is_empty; neq / not_in need a value).
import type { EntityManager } from '@mikro-orm/postgresql';
import { resolveAttribute, validateRuleSet, type LeafCondition, type ValidationError } from '../rules/index.js';
import { Lead, type ILead } from './entities/index.js';

export type LeadFilterCondition = Omit<LeafCondition, 'valueFrom'>;
interface Sql { sql: string; params: unknown[] }

const column = (key: string): string => `"${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`;

/** Checks the conditions like rule conditions; paths are relative to the list (e.g. [2, 'op']). */
export function validateLeadFilter(conditions: readonly LeadFilterCondition[]): ValidationError[] {
  if (conditions.length === 0) return [];
  const probe = { id: 'filter', version: 1, name: 'filter', type: 'qualification', rules: [{ name: 'filter', when: { all: conditions }, then: { qualified: true } }] };
  const result = validateRuleSet(probe);
  if (result.ok) return [];
  const prefix = ['rules', 0, 'when', 'all'];
  return result.errors
    .filter((e) => prefix.every((p, i) => e.path[i] === p) && e.path.length > prefix.length)
    .map((e) => ({ ...e, path: e.path.slice(prefix.length) }));
}

type Kind = 'text' | 'number' | 'boolean' | 'date';

/** The SQL expression and the kind it compares as, for an attribute and (for custom.*) the value's JS type. */
function expression(attr: string, sample: unknown, now: Date): { expr: Sql; kind: Kind } {
  const resolved = resolveAttribute(attr);
  if (!resolved.ok) throw new Error(resolved.message);
  const { namespace, key, type } = resolved.ref;
  if (namespace === 'custom') {
    const kind: Kind = typeof sample === 'number' ? 'number' : typeof sample === 'boolean' ? 'boolean' : 'text';
    const json = { number: 'number', boolean: 'boolean', text: 'string', date: 'string' }[kind];
    const cast = kind === 'number' ? '::numeric' : kind === 'boolean' ? '::boolean' : '';
    return { kind, expr: { sql: `(case when jsonb_typeof("custom" -> ?) = '${json}' then ("custom" ->> ?)${cast} end)`, params: [key, key] } };
  }
  if (key === 'leadAgeDays') {
    return { kind: 'number', expr: { sql: `floor(extract(epoch from (?::timestamptz - "created_at")) / 86400)`, params: [now.toISOString()] } };
  }
  if (type === 'number') return { kind: 'number', expr: { sql: `${column(key)}::numeric`, params: [] } };
  if (type === 'boolean') return { kind: 'boolean', expr: { sql: column(key), params: [] } };
  if (type === 'date') return { kind: 'date', expr: { sql: column(key), params: [] } };
  return { kind: 'text', expr: { sql: `${column(key)}::text`, params: [] } };
}

const CMP = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function leafSql(c: LeadFilterCondition, now: Date): Sql {
  const values = Array.isArray(c.value) ? c.value : c.value === undefined ? [] : [c.value];
  const textual = c.op === 'contains' || c.op === 'starts_with';
  const { expr, kind } = expression(c.attr, textual ? String(values[0]) : values[0], now);
  const e = expr.sql;
  const p = (...extra: unknown[]): unknown[] => [...expr.params, ...extra];
  const param = kind === 'date' ? '?::timestamptz' : kind === 'text' ? 'lower(?)' : '?';
  const lhs = kind === 'text' ? `lower(${e})` : e;
  const filled = kind === 'text' ? `btrim(${e}) <> ''` : `${e} is not null`;
  const list = values.map(() => param).join(', ');
  switch (c.op) {
    case 'is_empty': return { sql: kind === 'text' ? `(${e} is null or btrim(${e}) = '')` : `(${e} is null)`, params: p(...(kind === 'text' ? expr.params : [])) };
    case 'is_not_empty': return { sql: `(${filled})`, params: p() };
    case 'eq': case 'gt': case 'gte': case 'lt': case 'lte': return { sql: `(${lhs} ${CMP[c.op]} ${param})`, params: p(values[0]) };
    case 'neq': return kind === 'text'
      ? { sql: `(${filled} and ${lhs} <> ${param})`, params: [...expr.params, ...expr.params, values[0]] }
      : { sql: `(${lhs} <> ${param})`, params: p(values[0]) };
    case 'between': return { sql: `(${lhs} between ${param} and ${param})`, params: p(values[0], values[1]) };
    case 'in': return { sql: `(${lhs} in (${list}))`, params: p(...values) };
    case 'not_in': return kind === 'text'
      ? { sql: `(${filled} and ${lhs} not in (${list}))`, params: [...expr.params, ...expr.params, ...values] }
      : { sql: `(${lhs} not in (${list}))`, params: p(...values) };
    case 'contains': return { sql: `(strpos(${lhs}, lower(?)) > 0)`, params: p(values[0]) };
    case 'starts_with': return { sql: `starts_with(${lhs}, lower(?))`, params: p(values[0]) };
  }
}

/** The WHERE clause (`true` for no conditions) with its `?` parameters, in order. Validate first. */
export function leadFilterSql(conditions: readonly LeadFilterCondition[], now: Date): Sql {
  if (conditions.length === 0) return { sql: 'true', params: [] };
  const parts = conditions.map((c) => leafSql(c, now));
  return { sql: parts.map((s) => s.sql).join(' and '), params: parts.flatMap((s) => s.params) };
}

/** The newest leads (by capture time) matching every condition, at most `limit`. */
export async function findLeadsByFilter(em: EntityManager, conditions: readonly LeadFilterCondition[], limit: number, now: Date): Promise<ILead[]> {
  const where = leadFilterSql(conditions, now);
  const rows = await em.execute<{ id: string }[]>(`select "id" from "lead" where ${where.sql} order by "created_at" desc, "id" desc limit ?`, [...where.params, limit]);
  if (rows.length === 0) return [];
  const leads = await em.find(Lead, { id: { $in: rows.map((r) => r.id) } });
  const byId = new Map(leads.map((l) => [l.id, l]));
  return rows.flatMap((r) => byId.get(r.id) ?? []);
}
