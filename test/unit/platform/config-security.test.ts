import { ConfigError, loadConfig } from '../../../platform/config.js';

describe('security configuration', () => {
  it('has safe defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      LEADFLOW_JWT_ISSUER: 'leadflow', LEADFLOW_JWT_AUDIENCE: 'leadflow-api', LEADFLOW_JSON_LIMIT: 262144,
      LEADFLOW_RATE_LIMIT_PER_MINUTE: 600, LEADFLOW_RATE_LIMIT_BURST: 120, LEADFLOW_IDEMPOTENCY_TTL_HOURS: 24, LEADFLOW_TRUST_PROXY: false,
    });
    expect(c.LEADFLOW_JWKS_URL).toBeUndefined();
  });

  it('production needs a signing secret or a JWKS URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'production', LEADFLOW_JWKS_URL: 'https://idp.example.com/jwks.json' }).LEADFLOW_JWKS_URL).toBe('https://idp.example.com/jwks.json');
    expect(loadConfig({ NODE_ENV: 'production', LEADFLOW_AUTH_SECRET: 'x'.repeat(32) }).LEADFLOW_AUTH_SECRET).toHaveLength(32);
  });

  it('names the variable of a bad value', () => {
    for (const [variable, value] of [['LEADFLOW_JWKS_URL', 'file:///etc/passwd'], ['LEADFLOW_JSON_LIMIT', '10'], ['LEADFLOW_RATE_LIMIT_PER_MINUTE', '-1'], ['LEADFLOW_TRUST_PROXY', 'yes'], ['WORKER_METRICS_PORT', '70000']]) {
      let err: unknown;
      try { loadConfig({ [variable!]: value }); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.variable)).toEqual([variable]);
    }
  });
});
