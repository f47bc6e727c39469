// Security headers on every response (in-house; what helmet would set for a JSON API, plus a
// CSP for the Swagger UI under /docs that allows only its own assets).
import type { RequestHandler } from 'express';

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// Swagger UI: scripts and styles from /docs/assets only; it sets inline style attributes, shows
// data: images, and fetches /openapi.json and the API itself.
const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function securityHeaders(): RequestHandler {
  return (req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Content-Security-Policy', req.path === '/docs' || req.path.startsWith('/docs/') ? DOCS_CSP : API_CSP);
    // Only over TLS (directly, or behind a proxy trusted with LEADFLOW_TRUST_PROXY): browsers ignore it on http.
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // Responses carry lead data: never store them in shared caches. Docs assets set their own.
    if (!req.path.startsWith('/docs/assets')) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
