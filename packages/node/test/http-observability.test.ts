import { describe, it, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { HttpServer, MetricsRegistry, PROMETHEUS_CONTENT_TYPE } from '../src/http/index.js';
import { createLogger } from '../src/log/index.js';

describe('metrics registry (Prometheus text format)', () => {
  it('counters, gauges, histograms with labels and escaping', () => {
    const r = new MetricsRegistry();
    const msgs = r.counter({ name: 'interfold_messages_total', help: 'Peer messages.\nBy direction \\ phase', labelNames: ['direction', 'phase'] });
    msgs.inc({ direction: 'in', phase: 'dkg' });
    msgs.inc({ direction: 'in', phase: 'dkg' }, 2);
    msgs.inc({ direction: 'out', phase: 'a "quoted"\\path\nline' });
    const peers = r.gauge({ name: 'interfold_peers', help: 'Connected peers.', collect: (g) => g.set(undefined, 4) });
    const h = r.histogram({ name: 'interfold_proving_seconds', help: 'Proving time.', labelNames: ['circuit'], buckets: [0.1, 1, 10] });
    h.observe({ circuit: 'C0' }, 0.5);
    h.observe({ circuit: 'C0' }, 20);
    const text = r.expose();
    assert.equal(
      text,
      [
        '# HELP interfold_messages_total Peer messages.\\nBy direction \\\\ phase',
        '# TYPE interfold_messages_total counter',
        'interfold_messages_total{direction="in",phase="dkg"} 3',
        'interfold_messages_total{direction="out",phase="a \\"quoted\\"\\\\path\\nline"} 1',
        '# HELP interfold_peers Connected peers.',
        '# TYPE interfold_peers gauge',
        'interfold_peers 4',
        '# HELP interfold_proving_seconds Proving time.',
        '# TYPE interfold_proving_seconds histogram',
        'interfold_proving_seconds_bucket{circuit="C0",le="0.1"} 0',
        'interfold_proving_seconds_bucket{circuit="C0",le="1"} 1',
        'interfold_proving_seconds_bucket{circuit="C0",le="10"} 1',
        'interfold_proving_seconds_bucket{circuit="C0",le="+Inf"} 2',
        'interfold_proving_seconds_sum{circuit="C0"} 20.5',
        'interfold_proving_seconds_count{circuit="C0"} 2',
        '',
      ].join('\n'),
    );
    assert.equal(peers.get(), 4);
  });
  it('rejects bad names, labels, decreasing counters, duplicate registration', () => {
    const r = new MetricsRegistry();
    assert.throws(() => r.counter({ name: '1bad', help: '' }), RangeError);
    assert.throws(() => r.counter({ name: 'ok', help: '', labelNames: ['__x'] }), RangeError);
    assert.throws(() => r.histogram({ name: 'h', help: '', labelNames: ['le'] }), RangeError);
    assert.throws(() => r.histogram({ name: 'h2', help: '', buckets: [1, 1] }), RangeError);
    const c = r.counter({ name: 'c', help: '', labelNames: ['a'] });
    assert.throws(() => c.inc({ b: 1 }), RangeError);
    assert.throws(() => c.inc({ a: 1 }, -1), RangeError);
    assert.throws(() => r.counter({ name: 'c', help: '' }), /already registered/);
    const g = r.gauge({ name: 'g', help: '' });
    g.set(undefined, Infinity);
    assert.match(r.expose(), /^g \+Inf$/m);
  });
});

describe('HTTP server', () => {
  let healthy = true;
  const metrics = new MetricsRegistry();
  metrics.counter({ name: 'x_total', help: 'x' }).inc();
  const lines: string[] = [];
  const server = new HttpServer({
    port: 0,
    health: () => (healthy ? { ok: true } : { ok: false, reason: 'chain unreachable' }),
    status: () => {
      if (!healthy) throw new Error('boom');
      return { e3s: [{ e3Id: 7n, phase: 'dkg' }], peers: 2, chainHead: 100n, lag: 1 };
    },
    metrics,
    logger: createLogger({ sink: (l) => lines.push(l) }),
  });
  let base = '';
  after(() => server.close());

  it('serves /health, /status, /metrics; 404, 405, 503, 500', async () => {
    const { port } = await server.start();
    base = `http://127.0.0.1:${port}`;
    let r = await fetch(`${base}/health`);
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { ok: true });
    r = await fetch(`${base}/status`);
    assert.deepEqual(await r.json(), { e3s: [{ e3Id: '7', phase: 'dkg' }], peers: 2, chainHead: '100', lag: 1 });
    r = await fetch(`${base}/metrics`);
    assert.equal(r.headers.get('content-type'), PROMETHEUS_CONTENT_TYPE);
    assert.match(await r.text(), /^x_total 1$/m);
    assert.equal((await fetch(`${base}/nope`)).status, 404);
    assert.equal((await fetch(`${base}/health`, { method: 'POST' })).status, 405);
    healthy = false;
    r = await fetch(`${base}/health`);
    assert.equal(r.status, 503);
    assert.deepEqual(await r.json(), { ok: false, reason: 'chain unreachable' });
    r = await fetch(`${base}/status`);
    assert.equal(r.status, 500);
    assert.deepEqual(await r.json(), { error: 'internal error' });
    assert.equal(JSON.parse(lines[0]).msg, 'http handler failed');
    assert.equal((await fetch(`${base}/metrics`)).status, 200, 'still serving after a failure');
  });
});

describe('JSON-lines logger', () => {
  it('levels, child bindings, bigint / bytes / errors', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', sink: (l) => lines.push(l), now: () => 0, bindings: { node: 'a' } });
    log.debug('hidden');
    const child = log.child({ component: 'net', e3Id: 5n });
    child.info('hello', { bytes: Uint8Array.of(1, 2), big: new Uint8Array(100), err: Object.assign(new Error('bad', { cause: new TypeError('inner') }), { details: 'd' }) });
    child.error('boom');
    assert.equal(lines.length, 2);
    assert.ok(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n')));
    const rec = JSON.parse(lines[0]);
    assert.equal(rec.time, '1970-01-01T00:00:00.000Z');
    assert.equal(rec.level, 'info');
    assert.equal(rec.node, 'a');
    assert.equal(rec.component, 'net');
    assert.equal(rec.e3Id, '5');
    assert.equal(rec.bytes, '0x0102');
    assert.match(rec.big, /…\(100 bytes\)$/);
    assert.deepEqual(rec.err, { name: 'Error', message: 'bad', details: 'd', cause: 'TypeError: inner' });
    assert.equal(JSON.parse(lines[1]).level, 'error');
    assert.ok(!log.isEnabled('debug') && log.isEnabled('warn'));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    log.warn('cycle', { cyclic });
    assert.equal(JSON.parse(lines[2]).logError, 'unserialisable fields');
    assert.throws(() => createLogger({ level: 'loud' as never }), RangeError);
  });
});
