/**
 * The development CRS generator (src/crs/devCrs.ts): known-answer points against noble, chunked
 * generation equal to one batch, an extension byte-equal to a fresh generation (the prefix kept),
 * and a CRS of another tau regenerated rather than extended.
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bn254 } from '@noble/curves/bn254.js';
import { devCrsSize, devG2, devTau, encodeG2, generateDevCrs } from '../src/crs/devCrs.js';

const g1 = (dir: string): Buffer => readFileSync(join(dir, 'bn254_g1.dat'));
const be = (b: Buffer, off: number): bigint => BigInt('0x' + b.subarray(off, off + 32).toString('hex'));
const point = (b: Buffer, k: number) => bn254.G1.Point.fromAffine({ x: be(b, 64 * k), y: be(b, 64 * k + 32) });

test('development CRS: known answers, chunking, extension and a foreign CRS replaced', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ifold-devcrs-'));
  try {
    const fresh = join(root, 'fresh');
    const seen: number[] = [];
    await generateDevCrs(fresh, 33, { chunk: 8, onProgress: (done, total) => (assert.equal(total, 33), seen.push(done)) });
    assert.deepEqual(seen, [8, 16, 24, 32, 33]);
    assert.equal(devCrsSize(fresh), 33);
    const ref = g1(fresh);
    const Fr = bn254.fields.Fr;
    for (const k of [0, 1, 2, 8, 9, 32]) assert.ok(point(ref, k).equals(bn254.G1.Point.BASE.multiply(Fr.pow(devTau(), BigInt(k)))), `point ${k}`);
    assert.deepEqual(readFileSync(join(fresh, 'bn254_g2.dat')), Buffer.from(encodeG2(devG2())));

    // One batch gives the same bytes as chunks.
    const whole = join(root, 'whole');
    await generateDevCrs(whole, 33);
    assert.ok(g1(whole).equals(ref));

    // Extended from 17 points: only the rest is computed, the result is byte-equal.
    const grown = join(root, 'grown');
    await generateDevCrs(grown, 17);
    const small = g1(grown);
    const extended: number[] = [];
    await generateDevCrs(grown, 33, { chunk: 8, onProgress: (d) => extended.push(d) });
    assert.deepEqual(extended, [25, 33]);
    assert.ok(g1(grown).subarray(0, 17 * 64).equals(small));
    assert.ok(g1(grown).equals(ref));

    // Points of another CRS (another [tau]G2) are not extended: everything is regenerated.
    const foreign = join(root, 'foreign');
    await generateDevCrs(foreign, 17);
    writeFileSync(join(foreign, 'bn254_g2.dat'), new Uint8Array(128).fill(1));
    writeFileSync(join(foreign, 'bn254_g1.dat'), Buffer.concat([g1(foreign).subarray(0, 64), Buffer.alloc(16 * 64, 9)]));
    await generateDevCrs(foreign, 33);
    assert.ok(g1(foreign).equals(ref));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
