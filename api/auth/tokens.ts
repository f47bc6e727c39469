// Bearer JWTs for people: HS256 with a shared secret, and/or tokens signed by an identity
// provider whose public keys are published at a JWKS URL (jose). Both need the configured
// issuer and audience and a `role` claim.
import { SignJWT, createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTVerifyGetKey, type JWSHeaderParameters, type FlattenedJWSInput } from 'jose';
import { z } from 'zod';
import { ROLES, type Principal } from './principal.js';

export const ISSUER = 'leadflow';
export const AUDIENCE = 'leadflow-api';
/** Asymmetric algorithms accepted from a JWKS (never `none`, never HS* with a public key). */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  role: z.enum(ROLES),
  name: z.string().max(200).optional(),
  repId: z.uuid().optional(),
});

export interface TokenClaims {
  sub: string;
  role: Principal['role'];
  name?: string;
  repId?: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function issueToken(
  secret: string,
  claims: TokenClaims,
  ttl: string | number = '12h',
  opts: { issuer?: string; audience?: string } = {},
): Promise<string> {
  return new SignJWT({ role: claims.role, ...(claims.name ? { name: claims.name } : {}), ...(claims.repId ? { repId: claims.repId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(opts.issuer ?? ISSUER)
    .setAudience(opts.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key(secret));
}

export type VerifyResult = { ok: true; principal: Principal } | { ok: false; reason: string };
export type TokenVerifier = (token: string) => Promise<VerifyResult>;

export interface TokenVerifierOptions {
  /** HS256 shared secret. */
  secret?: string;
  /** JWKS URL of an identity provider (asymmetric keys). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

/** A verifier for the configured key sources; at least one of `secret` and `jwksUrl` is needed. */
export function createTokenVerifier(opts: TokenVerifierOptions): TokenVerifier {
  if (!opts.secret && !opts.jwksUrl) throw new Error('bearer tokens need LEADFLOW_AUTH_SECRET or LEADFLOW_JWKS_URL');
  const secretKey = opts.secret ? key(opts.secret) : undefined;
  const jwks = opts.jwksUrl ? createRemoteJWKSet(new URL(opts.jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 }) : undefined;
  const algorithms = [...(secretKey ? ['HS256'] : []), ...(jwks ? JWKS_ALGORITHMS : [])];
  const getKey: JWTVerifyGetKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    if (header.alg === 'HS256') {
      if (!secretKey) throw new joseErrors.JOSEAlgNotAllowed('HS256 tokens are not accepted');
      return secretKey;
    }
    if (!jwks) throw new joseErrors.JOSEAlgNotAllowed(`${header.alg ?? '?'} tokens are not accepted`);
    return jwks(header, token);
  };
  const verifyOpts = { issuer: opts.issuer ?? ISSUER, audience: opts.audience ?? AUDIENCE, algorithms };
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, getKey, verifyOpts);
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return { ok: false, reason: `token claims invalid: ${claims.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` };
      const { sub, role, name, repId } = claims.data;
      return { ok: true, principal: { kind: 'user', id: sub, role, ...(name ? { name } : {}), ...(repId ? { repId } : {}) } };
    } catch (err) {
      return { ok: false, reason: failureReason(err) };
    }
  };
}

function failureReason(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'token expired';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'token signature invalid';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `token claim '${err.claim}' invalid`;
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'token algorithm not accepted';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'token signed by an unknown key';
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid) return 'token keys unavailable';
  return 'token malformed';
}

/** HS256 only (kept for callers that have just the secret). */
export async function verifyToken(secret: string, token: string): Promise<VerifyResult> {
  return createTokenVerifier({ secret })(token);
}
