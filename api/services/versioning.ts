// Optimistic concurrency and pagination helpers for configuration resources: ETag = the latest
// version; If-Match or ?expectedVersion= name the version a change is based on; opaque cursors.
import type { Request } from 'express';
import { HttpProblem, fieldError } from '../http/problem.js';

export const etag = (version: number): string => `"${version}"`;

/** The version a change is based on: If-Match ("3", W/"3" or 3; * = any) or ?expectedVersion=. */
export function expectedVersion(req: Request, fromQuery: number | undefined): number | undefined {
  const header = req.get('if-match')?.trim();
  let fromHeader: number | undefined;
  if (header && header !== '*') {
    const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header);
    if (!m) throw new HttpProblem(400, 'validation_failed', 'If-Match must be a version ETag such as "3"', { errors: [fieldError('headers', ['if-match'], 'expected a version ETag such as "3"', 'invalid_format')] });
    fromHeader = Number(m[1]);
  }
  if (fromHeader !== undefined && fromQuery !== undefined && fromHeader !== fromQuery) {
    throw new HttpProblem(400, 'validation_failed', 'If-Match and expectedVersion disagree', { errors: [fieldError('query', ['expectedVersion'], `differs from If-Match ${fromHeader}`, 'conflicting_preconditions')] });
  }
  return fromHeader ?? fromQuery;
}

export function staleVersion(what: string, id: string, expected: number, current: number): HttpProblem {
  return new HttpProblem(409, 'version_conflict', `${what} '${id}' is at version ${current}, not ${expected}: reload and apply the change again`, {
    extras: { expectedVersion: expected, currentVersion: current },
    headers: { ETag: etag(current) },
  });
}

export function encodeCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor with `length` parts whose first part is `kind`. */
export function decodeCursor(cursor: string, kind: string, length: number): unknown[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === length && parts[0] === kind && parts.every((p) => typeof p === 'string' || typeof p === 'number')) return parts;
  } catch { /* reported below */ }
  throw new HttpProblem(400, 'validation_failed', 'Invalid cursor: pass nextCursor of the previous page with the same sort', {
    errors: [fieldError('query', ['cursor'], 'not a cursor of this listing (or of another sort order)', 'invalid_cursor')],
  });
}
