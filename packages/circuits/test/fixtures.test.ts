/**
 * The fixture store of the tests (test/fixtures/store.ts): exact round trips of bigints (any sign
 * and size) and byte arrays (Buffers too) inside nested values, and a content-keyed read-through
 * store that makes a value once per key.
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { decodeFixture, encodeFixture, fixture } from './fixtures/store.js';

test('fixture encoding round-trips bigints and byte arrays exactly (property)', () => {
  const leaf = fc.oneof(fc.bigInt(), fc.uint8Array({ maxLength: 40 }), fc.integer(), fc.string(), fc.boolean(), fc.constant(null));
  // Keys starting with '$' are the encoding's tags (fixtures never use them).
  const key = fc.string({ minLength: 1 }).filter((k) => !k.startsWith('$') && k !== '__proto__');
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4, noNullPrototype: true })),
  })).node;
  fc.assert(fc.property(value, (v) => assert.deepEqual(decodeFixture(encodeFixture(v)), v)), { numRuns: 300 });
  assert.deepEqual(decodeFixture(encodeFixture({ b: Buffer.from([1, 2, 3]) })), { b: Uint8Array.from([1, 2, 3]) });
  assert.equal(decodeFixture<bigint>(encodeFixture(-(1n << 300n))), -(1n << 300n));
});

test('the store makes a value once per key and returns the stored one after', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ifold-fixtures-'));
  const saved = process.env.INTERFOLD_CACHE;
  process.env.INTERFOLD_CACHE = dir;
  try {
    let made = 0;
    const make = async () => ({ n: BigInt(++made), bytes: Uint8Array.from([made]) });
    const a = await fixture('t', ['k1'], make);
    const b = await fixture('t', ['k1'], make);
    const c = await fixture('t', ['k2'], make);
    assert.deepEqual([a.cached, b.cached, c.cached, made], [false, true, false, 2]);
    assert.deepEqual(b.value, { n: 1n, bytes: Uint8Array.from([1]) });
    assert.deepEqual(c.value, { n: 2n, bytes: Uint8Array.from([2]) });
  } finally {
    if (saved === undefined) delete process.env.INTERFOLD_CACHE;
    else process.env.INTERFOLD_CACHE = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});
