// Prometheus metrics: a small registry of counters and histograms with labels, rendered in the
// text exposition format (0.0.4). In-house because prom-client is not a dependency; the
// instruments below are the whole of what leadflow exports (plus process uptime and memory).
type Labels = Record<string, string>;

const escapeLabel = (v: string) => String(v).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const keys = Object.keys(labels).sort();
  return keys.length ? `{${keys.map((k) => `${k}="${escapeLabel(labels[k]!)}"`).join(',')}}` : '';
};
const formatNumber = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');
const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

interface Metric {
  name: string;
  render(): string[];
}

export class Counter implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string) {
    if (!NAME.test(name)) throw new Error(`bad metric name ${name}`);
  }
  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new Error('counters only go up');
    const key = labelText(labels);
    const v = this.values.get(key);
    if (v) v.value += by;
    else this.values.set(key, { labels: { ...labels }, value: by });
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelText(labels))?.value ?? 0;
  }
  render(): string[] {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`,
      ...[...this.values.values()].map((v) => `${this.name}${labelText(v.labels)} ${formatNumber(v.value)}`)];
  }
}

export class Histogram implements Metric {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  readonly buckets: number[];
  constructor(readonly name: string, readonly help: string, buckets: number[]) {
    if (!NAME.test(name)) throw new Error(`bad metric name ${name}`);
    this.buckets = [...buckets].sort((a, b) => a - b);
  }
  observe(labels: Labels, value: number): void {
    const key = labelText(labels);
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { labels: { ...labels }, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]! += 1;
    s.sum += value;
    s.count += 1;
  }
  count(labels: Labels = {}): number {
    return this.series.get(labelText(labels))?.count ?? 0;
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      this.buckets.forEach((le, i) => lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: formatNumber(le) })} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${formatNumber(s.sum)}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines;
  }
}

class Gauge implements Metric {
  constructor(readonly name: string, readonly help: string, private readonly read: () => number) {}
  render(): string[] {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${formatNumber(this.read())}`];
  }
}

export class Registry {
  private readonly metrics: Metric[] = [];
  register<M extends Metric>(m: M): M {
    if (this.metrics.some((x) => x.name === m.name)) throw new Error(`metric ${m.name} registered twice`);
    this.metrics.push(m);
    return m;
  }
  render(): string {
    return this.metrics.flatMap((m) => m.render()).join('\n') + '\n';
  }
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const ACCEPT_BUCKETS = [60, 300, 900, 1800, 3600, 4 * 3600, 8 * 3600, 24 * 3600, 3 * 24 * 3600];

/** leadflow's instruments. One per process; the API and an in-process worker share it. */
export function createMetrics() {
  const registry = new Registry();
  const started = Date.now();
  return {
    registry,
    httpDuration: registry.register(new Histogram('leadflow_http_request_duration_seconds', 'HTTP request duration by route template, method and status', LATENCY_BUCKETS)),
    captures: registry.register(new Counter('leadflow_lead_captures_total', 'Lead captures by source and outcome (created or existing)')),
    offers: registry.register(new Counter('leadflow_lead_offers_total', 'Leads offered to a rep')),
    acceptLatency: registry.register(new Histogram('leadflow_lead_accept_latency_seconds', 'Time from offer to acceptance', ACCEPT_BUCKETS)),
    slaBreaches: registry.register(new Counter('leadflow_lead_sla_breaches_total', 'Offers that timed out (SLA breached)')),
    activityFailures: registry.register(new Counter('leadflow_activity_failures_total', 'Failed activity attempts by activity type and error type')),
    activityDuration: registry.register(new Histogram('leadflow_activity_duration_seconds', 'Activity attempt duration by activity type and outcome', LATENCY_BUCKETS)),
    uptime: registry.register(new Gauge('leadflow_process_uptime_seconds', 'Seconds since this process started its metrics', () => (Date.now() - started) / 1000)),
    rss: registry.register(new Gauge('leadflow_process_resident_memory_bytes', 'Resident memory of this process', () => process.memoryUsage.rss())),
  };
}
export type LeadflowMetrics = ReturnType<typeof createMetrics>;
