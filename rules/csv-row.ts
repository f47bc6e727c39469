// Turning one CSV record (all strings) into a capture: typed by the lead attribute model,
// validated by the same zod schema as the API. Pure.
import type { z } from 'zod';
import { LEAD_ATTRIBUTE_CATALOG, leadCaptureSchema, type LeadCapture } from './lead-attributes.js';
import type { LeadSource } from './lookups.js';

const NUMBER_COLUMNS = new Set(['employeeCount', 'purchaseAmount']);
const BOOLEAN_COLUMNS = new Set(['decisionMakerIdentified']);
const CAPTURE_COLUMNS = new Set(Object.keys(leadCaptureSchema.shape));

/** Header names a CSV may use: capture attributes (camelCase) and `custom.<key>`. */
export function unknownColumns(header: string[]): string[] {
  return header.filter((h) => !CAPTURE_COLUMNS.has(h) && !/^custom\.[A-Za-z][A-Za-z0-9_]{0,62}$/.test(h));
}

export type RowResult = { ok: true; capture: LeadCapture } | { ok: false; errors: { field: string; message: string }[] };

export function rowToCapture(record: Record<string, string>, defaults: { source: LeadSource; origSystemReference: string }): RowResult {
  const errors: { field: string; message: string }[] = [];
  const out: Record<string, unknown> = {};
  const custom: Record<string, string> = {};
  for (const [column, raw] of Object.entries(record)) {
    const value = raw.trim();
    if (value === '') continue;
    if (column.startsWith('custom.')) custom[column.slice('custom.'.length)] = value;
    else if (NUMBER_COLUMNS.has(column)) {
      const n = Number(value.replace(/[_,\s]/g, ''));
      if (Number.isFinite(n)) out[column] = n;
      else errors.push({ field: column, message: `'${value}' is not a number` });
    } else if (BOOLEAN_COLUMNS.has(column)) {
      const b = /^(true|yes|y|1)$/i.test(value) ? true : /^(false|no|n|0)$/i.test(value) ? false : undefined;
      if (b === undefined) errors.push({ field: column, message: `'${value}' is not yes/no` });
      else out[column] = b;
    } else out[column] = value;
  }
  if (Object.keys(custom).length) out.custom = custom;
  out.source ??= defaults.source;
  out.origSystemReference ??= defaults.origSystemReference;
  const parsed = leadCaptureSchema.safeParse(out);
  if (!parsed.success) errors.push(...issues(parsed.error));
  if (errors.length) return { ok: false, errors };
  return { ok: true, capture: parsed.data! };
}

function issues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || '(row)', message: i.message }));
}

export const CSV_TEMPLATE_COLUMNS = Object.keys(LEAD_ATTRIBUTE_CATALOG).filter((k) => CAPTURE_COLUMNS.has(k));
