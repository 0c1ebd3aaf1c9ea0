/**
 * The TypeScript Poseidon2 permutation, sponge and packing agree bit for bit with the Noir ones
 * (the sponge_vectors circuit executed with noir_js), on edge and random inputs.
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { compileNoirPackage } from '../src/noir/compile.js';
import { executeProgram } from '../src/noir/execute.js';
import { resolveConfig } from '../src/config.js';
import { poseidon2Permutation } from '../src/poseidon2/permutation.js';
import { spongeHash } from '../src/poseidon2/sponge.js';
import { pack } from '../src/poseidon2/pack.js';
import { FR_MODULUS, fieldToHex } from '../src/poseidon2/field.js';
import { WitnessError } from '../src/errors.js';

const cfg = resolveConfig();
const programP = compileNoirPackage('sponge_vectors', cfg.cacheDir);

type Case = { perm: bigint[]; tag: bigint; msg1: bigint[]; msg3: bigint[]; msg7: bigint[]; vals: bigint[] };

async function runNoir(c: Case): Promise<bigint[]> {
  const { program } = await programP;
  const hex = (xs: bigint[]) => xs.map(fieldToHex);
  const { returnValue } = await executeProgram(program, {
    perm_in: hex(c.perm),
    tag: fieldToHex(c.tag),
    msg1: hex(c.msg1),
    msg3: hex(c.msg3),
    msg7: hex(c.msg7),
    vals: hex(c.vals),
  });
  const flat = (returnValue as unknown[]).flat(2) as string[];
  return flat.map((x) => BigInt(x));
}

function runTs(c: Case): bigint[] {
  return [
    ...poseidon2Permutation(c.perm),
    spongeHash(c.tag, []),
    spongeHash(c.tag, c.msg1),
    spongeHash(c.tag, c.msg3),
    spongeHash(c.tag, c.msg7),
    ...pack(c.vals, 50),
  ];
}

test('poseidon2 permutation of zeros matches the published test vector', () => {
  assert.deepEqual(poseidon2Permutation([0n, 0n, 0n, 0n]), [
    0x18dfb8dc9b82229cff974efefc8df78b1ce96d9d844236b496785c698bc6732en,
    0x095c230d1d37a246e8d2d5a63b165fe0fade040d442f61e25f0590e5fb76f839n,
    0x0bb9545846e1afa4fa3c97414a60a20fc4949f537a68cceca34c5ce71e28aa59n,
    0x18a4f34c9c6f99335ff7638b82aeed9018026618358873c982bbdde265b2ed6dn,
  ]);
});

test('TS and Noir agree on edge inputs', async () => {
  const max = FR_MODULUS - 1n;
  const top = (1n << 50n) - 1n;
  const cases: Case[] = [
    { perm: [0n, 0n, 0n, 0n], tag: 0n, msg1: [0n], msg3: [0n, 0n, 0n], msg7: Array(7).fill(0n), vals: Array(11).fill(0n) },
    { perm: [max, max, max, max], tag: (1n << 184n) - 1n, msg1: [max], msg3: [max, 1n, max], msg7: Array(7).fill(max), vals: Array(11).fill(top) },
    { perm: [1n, 2n, 3n, 4n], tag: 42n, msg1: [1n], msg3: [1n, 2n, 3n], msg7: [1n, 2n, 3n, 4n, 5n, 6n, 7n], vals: [...Array(11).keys()].map(BigInt) },
  ];
  for (const c of cases) assert.deepEqual(await runNoir(c), runTs(c));
});

test('TS and Noir agree on random inputs (fast-check)', async () => {
  const fe = fc.bigInt({ min: 0n, max: FR_MODULUS - 1n });
  const v50 = fc.bigInt({ min: 0n, max: (1n << 50n) - 1n });
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        perm: fc.array(fe, { minLength: 4, maxLength: 4 }),
        tag: fc.bigInt({ min: 0n, max: (1n << 184n) - 1n }),
        msg1: fc.array(fe, { minLength: 1, maxLength: 1 }),
        msg3: fc.array(fe, { minLength: 3, maxLength: 3 }),
        msg7: fc.array(fe, { minLength: 7, maxLength: 7 }),
        vals: fc.array(v50, { minLength: 11, maxLength: 11 }),
      }),
      async (c) => {
        assert.deepEqual(await runNoir(c), runTs(c));
      },
    ),
    { numRuns: 12 },
  );
});

test('domain separation and length binding: different tags or lengths give different hashes', () => {
  assert.notEqual(spongeHash(1n, [5n]), spongeHash(2n, [5n]));
  assert.notEqual(spongeHash(1n, [5n]), spongeHash(1n, [5n, 0n]));
  assert.notEqual(spongeHash(1n, []), spongeHash(1n, [0n]));
});

test('packing rejects out-of-range slots in TS and in Noir', async () => {
  assert.throws(() => pack([1n << 50n], 50));
  assert.throws(() => pack([-1n], 50));
  const c: Case = { perm: [0n, 0n, 0n, 0n], tag: 0n, msg1: [0n], msg3: [0n, 0n, 0n], msg7: Array(7).fill(0n), vals: Array(11).fill(0n) };
  c.vals[4] = 1n << 50n;
  await assert.rejects(runNoir(c), WitnessError);
});
