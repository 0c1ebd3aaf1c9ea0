/**
 * A small Prometheus registry (text exposition format 0.0.4): counters, gauges and histograms
 * with labels. Names and label names are validated at registration; HELP text escapes `\` and
 * newline, label values escape `\`, `"` and newline, as the format requires.
 */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export type Labels = Readonly<Record<string, string | number>>;

const escapeHelp = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

type MetricOptions = { readonly name: string; readonly help: string; readonly labelNames?: readonly string[] };

abstract class Metric {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  abstract readonly type: 'counter' | 'gauge' | 'histogram';

  constructor(o: MetricOptions) {
    if (!METRIC_NAME.test(o.name)) throw new RangeError(`invalid metric name ${JSON.stringify(o.name)}`);
    for (const l of o.labelNames ?? []) {
      if (!LABEL_NAME.test(l) || l.startsWith('__') || l === 'le') throw new RangeError(`invalid label name ${JSON.stringify(l)} on ${o.name}`);
    }
    this.name = o.name;
    this.help = o.help;
    this.labelNames = [...(o.labelNames ?? [])];
  }

  /** The canonical key of a label set (checked against the declared names). */
  protected key(labels: Labels = {}): string {
    const names = Object.keys(labels);
    if (names.length !== this.labelNames.length || names.some((n) => !this.labelNames.includes(n))) {
      throw new RangeError(`${this.name} takes labels [${this.labelNames.join(', ')}], got [${names.join(', ')}]`);
    }
    return JSON.stringify(this.labelNames.map((n) => String(labels[n])));
  }

  protected static render(names: readonly string[], values: readonly string[], extra?: [string, string]): string {
    const pairs = names.map((n, i) => `${n}="${escapeLabel(values[i])}"`);
    if (extra) pairs.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
    return pairs.length ? `{${pairs.join(',')}}` : '';
  }

  abstract samples(): string[];

  expose(): string {
    return [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`, ...this.samples()].join('\n');
  }
}

export class Counter extends Metric {
  readonly type = 'counter';
  private readonly values = new Map<string, number>();
  inc(labels?: Labels, by = 1): void {
    if (!(by >= 0)) throw new RangeError(`${this.name}: a counter only increases`);
    const k = this.key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  get(labels?: Labels): number {
    return this.values.get(this.key(labels)) ?? 0;
  }
  samples(): string[] {
    return [...this.values].map(([k, v]) => `${this.name}${Metric.render(this.labelNames, JSON.parse(k))} ${formatValue(v)}`);
  }
}

export class Gauge extends Metric {
  readonly type = 'gauge';
  private readonly values = new Map<string, number>();
  /** Called before exposition, to refresh values computed elsewhere (peers, chain lag). */
  collect?: (g: Gauge) => void;
  set(labels: Labels | undefined, v: number): void {
    this.values.set(this.key(labels), v);
  }
  inc(labels?: Labels, by = 1): void {
    const k = this.key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  dec(labels?: Labels, by = 1): void {
    this.inc(labels, -by);
  }
  get(labels?: Labels): number {
    return this.values.get(this.key(labels)) ?? 0;
  }
  /** Drop every label set (before a collect that re-sets the current ones). */
  reset(): void {
    this.values.clear();
  }
  samples(): string[] {
    this.collect?.(this);
    return [...this.values].map(([k, v]) => `${this.name}${Metric.render(this.labelNames, JSON.parse(k))} ${formatValue(v)}`);
  }
}

export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export class Histogram extends Metric {
  readonly type = 'histogram';
  readonly buckets: readonly number[];
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(o: MetricOptions & { readonly buckets?: readonly number[] }) {
    super(o);
    const b = [...(o.buckets ?? DEFAULT_BUCKETS)];
    if (b.some((x, i) => !Number.isFinite(x) || (i > 0 && x <= b[i - 1]))) throw new RangeError(`${o.name}: buckets must be finite and increasing`);
    this.buckets = b;
  }
  observe(labels: Labels | undefined, v: number): void {
    const k = this.key(labels);
    let s = this.series.get(k);
    if (!s) this.series.set(k, (s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    this.buckets.forEach((le, i) => {
      if (v <= le) s.counts[i]++;
    });
    s.sum += v;
    s.count++;
  }
  samples(): string[] {
    const out: string[] = [];
    for (const [k, s] of this.series) {
      const values: string[] = JSON.parse(k);
      this.buckets.forEach((le, i) => out.push(`${this.name}_bucket${Metric.render(this.labelNames, values, ['le', formatValue(le)])} ${s.counts[i]}`));
      out.push(`${this.name}_bucket${Metric.render(this.labelNames, values, ['le', '+Inf'])} ${s.count}`);
      out.push(`${this.name}_sum${Metric.render(this.labelNames, values)} ${formatValue(s.sum)}`);
      out.push(`${this.name}_count${Metric.render(this.labelNames, values)} ${s.count}`);
    }
    return out;
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  private add<M extends Metric>(m: M): M {
    if (this.metrics.has(m.name)) throw new RangeError(`metric ${m.name} is already registered`);
    this.metrics.set(m.name, m);
    return m;
  }
  counter(o: MetricOptions): Counter {
    return this.add(new Counter(o));
  }
  gauge(o: MetricOptions & { readonly collect?: (g: Gauge) => void }): Gauge {
    const g = new Gauge(o);
    g.collect = o.collect;
    return this.add(g);
  }
  histogram(o: MetricOptions & { readonly buckets?: readonly number[] }): Histogram {
    return this.add(new Histogram(o));
  }
  get(name: string): Metric | undefined {
    return this.metrics.get(name);
  }
  /** The whole registry in the text exposition format. */
  expose(): string {
    return [...this.metrics.values()].map((m) => m.expose()).join('\n') + '\n';
  }
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
