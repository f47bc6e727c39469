import { Counter, Histogram, Registry, createMetrics } from '../../../platform/metrics.js';

describe('metrics registry (Prometheus text format)', () => {
  it('renders counters and histograms with escaped labels and cumulative buckets', () => {
    const r = new Registry();
    const c = r.register(new Counter('x_total', 'Some things'));
    c.inc({ kind: 'a"b\\c\nd' });
    c.inc({ kind: 'a"b\\c\nd' }, 2);
    const h = r.register(new Histogram('d_seconds', 'Durations', [0.1, 1]));
    h.observe({ route: '/x' }, 0.05);
    h.observe({ route: '/x' }, 0.5);
    h.observe({ route: '/x' }, 5);
    expect(r.render()).toBe([
      '# HELP x_total Some things',
      '# TYPE x_total counter',
      'x_total{kind="a\\"b\\\\c\\nd"} 3',
      '# HELP d_seconds Durations',
      '# TYPE d_seconds histogram',
      'd_seconds_bucket{le="0.1",route="/x"} 1',
      'd_seconds_bucket{le="1",route="/x"} 2',
      'd_seconds_bucket{le="+Inf",route="/x"} 3',
      'd_seconds_sum{route="/x"} 5.55',
      'd_seconds_count{route="/x"} 3',
      '',
    ].join('\n'));
  });

  it('refuses bad names, duplicate registration and negative increments', () => {
    const r = new Registry();
    expect(() => new Counter('bad-name', 'x')).toThrow(/bad metric name/);
    r.register(new Counter('a_total', 'x'));
    expect(() => r.register(new Counter('a_total', 'y'))).toThrow(/twice/);
    expect(() => new Counter('b_total', 'x').inc({}, -1)).toThrow();
  });

  it('exports every instrument the issue asks for', () => {
    const text = createMetrics().registry.render();
    for (const name of ['leadflow_http_request_duration_seconds', 'leadflow_lead_captures_total', 'leadflow_lead_offers_total',
      'leadflow_lead_accept_latency_seconds', 'leadflow_lead_sla_breaches_total', 'leadflow_activity_failures_total']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });
});
