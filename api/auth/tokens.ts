// Bearer JWTs for people: HS256 with a shared secret (jose).
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';
import { ROLES, type Principal } from './principal.js';

export const ISSUER = 'leadflow';
export const AUDIENCE = 'leadflow-api';

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(ROLES),
  name: z.string().optional(),
  repId: z.uuid().optional(),
});

export interface TokenClaims {
  sub: string;
  role: Principal['role'];
  name?: string;
  repId?: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function issueToken(secret: string, claims: TokenClaims, ttl: string | number = '12h'): Promise<string> {
  return new SignJWT({ role: claims.role, ...(claims.name ? { name: claims.name } : {}), ...(claims.repId ? { repId: claims.repId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key(secret));
}

export type VerifyResult = { ok: true; principal: Principal } | { ok: false; reason: string };

export async function verifyToken(secret: string, token: string): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, reason: `token claims invalid: ${claims.error.issues[0]?.message ?? ''}` };
    const { sub, role, name, repId } = claims.data;
    return { ok: true, principal: { kind: 'user', id: sub, role, ...(name ? { name } : {}), ...(repId ? { repId } : {}) } };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return { ok: false, reason: 'token expired' };
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) return { ok: false, reason: 'token signature invalid' };
    if (err instanceof joseErrors.JWTClaimValidationFailed) return { ok: false, reason: `token claim '${err.claim}' invalid` };
    return { ok: false, reason: 'token malformed' };
  }
}
