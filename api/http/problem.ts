// RFC 9457 problem details: the one error shape of the API. `errors[]` names each failing field.
import type { z } from 'zod';

export interface FieldError {
  /** Dotted path of the failing field, e.g. `body.email` or `query.limit`. */
  field: string;
  /** The same path as a list, for machines. */
  path: (string | number)[];
  message: string;
  code: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The members RFC 9457 defines, and leadflow's own: an extra may not overwrite them. */
export const RESERVED_PROBLEM_MEMBERS: ReadonlySet<string> = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors']);

export class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors?: FieldError[];
  readonly extras: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    detail: string,
    opts: { errors?: FieldError[]; extras?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    const clash = Object.keys(opts.extras ?? {}).filter((k) => RESERVED_PROBLEM_MEMBERS.has(k));
    // `status` is always the HTTP status (RFC 9457): an extra of that name would lie about it.
    if (clash.length > 0) throw new Error(`problem '${code}': extras may not overwrite standard members (${clash.join(', ')})`);
    this.status = status;
    this.code = code;
    this.errors = opts.errors;
    this.extras = opts.extras ?? {};
    this.headers = opts.headers ?? {};
  }

  toBody(instance?: string): ProblemBody {
    return {
      type: `https://leadflow.dev/problems/${this.code.replaceAll('_', '-')}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      code: this.code,
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extras,
    };
  }
}

export const notFound = (what: string, id: string): HttpProblem =>
  new HttpProblem(404, 'not_found', `${what} '${id}' does not exist`, { extras: { resource: what, id } });

export const conflict = (code: string, detail: string, extras?: Record<string, unknown>): HttpProblem =>
  new HttpProblem(409, code, detail, { extras });

export const unprocessable = (code: string, detail: string, errors?: FieldError[]): HttpProblem =>
  new HttpProblem(422, code, detail, { errors });

export function fieldError(location: string, path: (string | number)[], message: string, code: string): FieldError {
  const full = [location, ...path];
  return { field: full.join('.'), path: full, message, code };
}

/** A zod failure on one request part as a 400 naming every failing field. */
export function validationProblem(location: 'body' | 'query' | 'params' | 'headers', error: z.ZodError): HttpProblem {
  const errors = error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    // Unknown keys: name each key, not the parent object.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => fieldError(location, [...path, k], `unknown field '${k}'`, 'unrecognized_key'));
    }
    return [fieldError(location, path, issue.message, issue.code)];
  });
  const flat = errors.flat();
  const first = flat[0];
  return new HttpProblem(400, 'validation_failed', `Invalid ${location}${first ? `: ${first.field} ${first.message}` : ''}`, {
    errors: flat,
  });
}
