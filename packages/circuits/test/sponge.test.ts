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
import { commitRnsPolys, shiftedRnsCoefficients } from '../src/commitments/rns.js';
import { DOMAINS, domainTag } from '../src/commitments/domains.js';

const MODULI = [1125899906826241n, 1125899906820097n];
type Rns = bigint[][][];

const cfg = resolveConfig();
const programP = compileNoirPackage('sponge_vectors', cfg.cacheDir);

type Case = { perm: bigint[]; tag: bigint; msg1: bigint[]; msg3: bigint[]; msg7: bigint[]; vals: bigint[]; rns?: Rns; rnsExpected?: bigint };

const ZERO_RNS: Rns = [[[0n, 0n, 0n, 0n], [0n, 0n, 0n, 0n]], [[0n, 0n, 0n, 0n], [0n, 0n, 0n, 0n]]];
const tsRns = (r: Rns) => commitRnsPolys(DOMAINS.PK, r, MODULI, 4);

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
    rns_tag: fieldToHex(domainTag(DOMAINS.PK)),
    rns_shifted: hex(shiftedRnsCoefficients(c.rns ?? ZERO_RNS, MODULI, 4)),
    rns_expected: fieldToHex(c.rnsExpected ?? tsRns(c.rns ?? ZERO_RNS)),
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
    tsRns(c.rns ?? ZERO_RNS),
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
        rns: fc.tuple(...[0, 1].map(() => fc.tuple(...MODULI.map((q) => fc.array(fc.bigInt({ min: -(q - 1n) / 2n, max: (q - 1n) / 2n }), { minLength: 4, maxLength: 4 }))))),
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

test('RNS commitment: edge coefficients agree, and Noir rejects a commitment TS did not make', async () => {
  const h = MODULI.map((q) => (q - 1n) / 2n);
  const edge: Rns = [
    [[-h[0]!, h[0]!, 0n, 1n], [h[1]!, -h[1]!, -1n, 0n]],
    [[1n, -1n, h[0]!, -h[0]!], [0n, 0n, h[1]!, h[1]!]],
  ];
  const base: Case = { perm: [0n, 0n, 0n, 0n], tag: 0n, msg1: [0n], msg3: [0n, 0n, 0n], msg7: Array(7).fill(0n), vals: Array(11).fill(0n) };
  const out = await runNoir({ ...base, rns: edge });
  assert.equal(out[out.length - 1], tsRns(edge));
  await assert.rejects(runNoir({ ...base, rns: edge, rnsExpected: tsRns(edge) + 1n }), WitnessError);
  // A coefficient outside its centred range has no valid encoding in TS.
  assert.throws(() => tsRns([[[h[0]! + 1n, 0n, 0n, 0n], [0n, 0n, 0n, 0n]], ZERO_RNS[1]!]));
});
