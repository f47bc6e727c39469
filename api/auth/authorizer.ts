// Authentication and role checks for every non-public route.
import type { Request } from 'express';
import { HttpProblem } from '../http/problem.js';
import type { Access, Authorizer } from '../http/route.js';
import type { Principal } from './principal.js';
import { verifyToken } from './tokens.js';

/** Resolves an `X-API-Key` header to a principal (integrations); undefined when unknown/revoked. */
export type ApiKeyVerifier = (key: string) => Promise<Principal | undefined>;

const unauthorized = (code: string, detail: string) =>
  new HttpProblem(401, code, detail, { headers: { 'WWW-Authenticate': `Bearer realm="leadflow", error="invalid_token"` } });

export function createAuthorizer(opts: { secret: string; verifyApiKey?: ApiKeyVerifier }): Authorizer {
  return async (req: Request, access: Access) => {
    if (access === 'public') return undefined;
    const principal = await authenticate(req, opts);
    if (!access.includes(principal.role)) {
      throw new HttpProblem(403, 'forbidden_role', `Role '${principal.role}' may not ${req.method} ${req.route?.path ?? req.path}`, {
        extras: { requiredRoles: [...access] },
      });
    }
    req.principal = principal;
    return principal;
  };
}

async function authenticate(req: Request, opts: { secret: string; verifyApiKey?: ApiKeyVerifier }): Promise<Principal> {
  const header = req.get('authorization');
  const apiKey = req.get('x-api-key');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthorized('invalid_authorization_header', 'Authorization header must be "Bearer <token>"');
    const result = await verifyToken(opts.secret, match[1]);
    if (!result.ok) throw unauthorized('invalid_token', result.reason);
    return result.principal;
  }
  if (apiKey) {
    const principal = opts.verifyApiKey ? await opts.verifyApiKey(apiKey) : undefined;
    if (!principal) throw unauthorized('invalid_api_key', 'API key unknown or revoked');
    return principal;
  }
  throw unauthorized('missing_credentials', 'Send "Authorization: Bearer <token>" or "X-API-Key: <key>"');
}
