// Authentication and role checks for every non-public route.
import type { Request } from 'express';
import { HttpProblem } from '../http/problem.js';
import type { Access, Authorizer } from '../http/route.js';
import type { Principal } from './principal.js';
import type { TokenVerifier } from './tokens.js';

/** Resolves an `X-API-Key` header to a principal (integrations); undefined when unknown/revoked. */
export type ApiKeyVerifier = (key: string) => Promise<Principal | undefined>;

const unauthorized = (code: string, detail: string, scheme: 'Bearer' | 'ApiKey' = 'Bearer') =>
  new HttpProblem(401, code, detail, {
    headers: { 'WWW-Authenticate': scheme === 'Bearer' ? `Bearer realm="leadflow", error="invalid_token"` : `ApiKey realm="leadflow", header="X-API-Key"` },
  });

export interface AuthorizerOptions {
  verifyToken: TokenVerifier;
  verifyApiKey?: ApiKeyVerifier;
}

export function createAuthorizer(opts: AuthorizerOptions): Authorizer {
  return async (req: Request, access: Access) => {
    if (access === 'public') return undefined;
    const principal = await authenticate(req, opts);
    req.principal = principal;
    if (!access.includes(principal.role)) {
      throw new HttpProblem(403, 'forbidden_role', `Role '${principal.role}' may not ${req.method} ${req.route?.path ?? req.path}`, {
        extras: { requiredRoles: [...access] },
      });
    }
    return principal;
  };
}

async function authenticate(req: Request, opts: AuthorizerOptions): Promise<Principal> {
  const header = req.get('authorization');
  const apiKey = req.get('x-api-key');
  if (header !== undefined && apiKey !== undefined) throw unauthorized('ambiguous_credentials', 'Send either a bearer token or an API key, not both');
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthorized('invalid_authorization_header', 'Authorization header must be "Bearer <token>"');
    const result = await opts.verifyToken(match[1]);
    if (!result.ok) throw unauthorized('invalid_token', result.reason);
    return result.principal;
  }
  if (apiKey !== undefined) {
    const principal = opts.verifyApiKey ? await opts.verifyApiKey(apiKey) : undefined;
    if (!principal) throw unauthorized('invalid_api_key', 'API key unknown or revoked', 'ApiKey');
    return principal;
  }
  throw unauthorized('missing_credentials', 'Send "Authorization: Bearer <token>" or "X-API-Key: <key>"');
}
