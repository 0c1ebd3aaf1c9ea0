import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { BenchError } from '../src/errors.js';
import { buildResults, formatTable, measureInterleaved, OP_NAMES, summarize, writeResults, type OpRow, type Stats } from '../src/harness.js';
import { createOursSubject } from '../src/ours-bfv.js';
import { createSealSubject } from '../src/seal-bfv.js';

const stats = (median_ms: number): Stats => ({ median_ms, p10_ms: median_ms * 0.9, p90_ms: median_ms * 1.1, runs: 20 });

test('summarize: known answers for odd and even counts', () => {
  assert.deepEqual(summarize([5, 1, 3]), { median_ms: 3, p10_ms: 1, p90_ms: 5, runs: 3 });
  const s = summarize([4, 1, 3, 2]);
  assert.equal(s.median_ms, 2.5);
  // 1..20: nearest-rank p10 = 2nd smallest, p90 = 18th.
  const r = summarize(Array.from({ length: 20 }, (_, i) => 20 - i));
  assert.deepEqual([r.p10_ms, r.median_ms, r.p90_ms], [2, 10.5, 18]);
  assert.throws(() => summarize([]), BenchError);
});

test('summarize: p10 <= median <= p90 and all are samples or a midpoint', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 60 }), (xs) => {
      const s = summarize(xs);
      assert.ok(s.p10_ms <= s.median_ms && s.median_ms <= s.p90_ms);
      assert.ok(xs.includes(s.p10_ms) && xs.includes(s.p90_ms));
      assert.ok(s.median_ms >= Math.min(...xs) && s.median_ms <= Math.max(...xs));
    }),
  );
});

test('measureInterleaved: warm-up + runs calls each, skips missing ops, rejects < 20 runs', () => {
  const calls = [0, 0];
  const [a, missing, b] = measureInterleaved([() => calls[0]++, undefined, () => calls[1]++], { warmup: 3, runs: 20 });
  assert.deepEqual(calls, [23, 23]);
  assert.equal(missing, undefined);
  assert.equal(a?.runs, 20);
  assert.equal(b?.runs, 20);
  assert.throws(() => measureInterleaved([() => 0], { warmup: 0, runs: 19 }), BenchError);
  assert.throws(() => measureInterleaved([() => 0], { warmup: -1, runs: 20 }), BenchError);
});

test('results document: exact op shape, null for n/a, ratio = ours/seal, _meta', () => {
  const rows: OpRow[] = [
    { op: 'encrypt', ours: stats(4), seal: stats(5) },
    { op: 'ntt', ours: stats(0.2) },
  ];
  const doc = buildResults(rows, { subjects: { seal: { N: 8192 }, ours: { error: 'x' } } });
  assert.deepEqual(doc.encrypt, { ours_ms: 4, seal_ms: 5, ratio: 0.8 });
  assert.deepEqual(doc.ntt, { ours_ms: 0.2, seal_ms: null, ratio: null });
  const meta = doc._meta as Record<string, unknown>;
  for (const key of ['subjects', 'node', 'date', 'cpu', 'stats']) assert.ok(key in meta, key);
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  try {
    const path = join(dir, 'sub', 'bfv.json');
    writeResults(path, doc);
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), doc);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('formatTable: n/a, ratio and target verdicts', () => {
  const table = formatTable([
    { op: 'encrypt', ours: stats(4), seal: stats(5) },
    { op: 'mul_relin', ours: stats(40), seal: stats(20) },
    { op: 'ntt', seal: undefined },
  ]);
  assert.match(table, /encrypt .* 0\.80 +<= 1\.0 ok/);
  assert.match(table, /mul_relin .* 2\.00 +<= 1\.0 MISS/);
  assert.match(table, /ntt +n\/a +n\/a +n\/a/);
});

test('ours subject: production parameters, every op runs (results checked inside)', async () => {
  const ours = await createOursSubject(); // checks its own results before returning
  const d = ours.describe();
  assert.equal(d.N, 8192);
  assert.equal(d['log2 Q'], 200);
  assert.deepEqual(Object.keys(ours.ops).sort(), [...OP_NAMES].sort());
  for (const op of Object.values(ours.ops)) op!();
});

test('SEAL subject: parameters as specified, every op but ntt runs, dispose frees', async () => {
  const seal = await createSealSubject(); // checks its own results before returning
  try {
    const d = seal.describe();
    assert.equal(d.N, 8192);
    assert.equal(d['log2 Q'], 218);
    assert.equal(d.t, 1032193);
    assert.deepEqual(Object.keys(seal.ops).sort(), OP_NAMES.filter((op) => op !== 'ntt').sort());
    for (const op of Object.values(seal.ops)) op!();
  } finally {
    seal.dispose!();
  }
});
