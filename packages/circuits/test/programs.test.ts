/**
 * Program input circuits on INSECURE_N512 (docs/ZK.md "Program validity proofs"): the validity
 * constraints sit on the user-encryption witness itself, so a valid input proves and verifies
 * through the deployed Solidity verifier, and an out-of-range count, a ballot with two options, an
 * ineligible voter, a ballot copied to another address, and a swapped ciphertext are all rejected
 * (by the witness checks before proving, by the circuit, or by the verifier).
 */
import { test, before, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { bfvParameters, INSECURE_N512, genSecretKey, genPublicKey, encodeCoeffs, encryptWithWitness, type PublicKey } from '@interfold/bfv';
import { centredCiphertext, centredPublicKey } from '../src/userEncryption/centred.js';
import { inputContext } from '../src/userEncryption/context.js';
import { commitRnsPolys } from '../src/commitments/rns.js';
import { DOMAINS } from '../src/commitments/domains.js';
import { CircuitInputError, WitnessError } from '../src/errors.js';

/** The circuit itself refused: a Noir assertion whose message matches `re`. */
const circuitRejects = (re: RegExp) => (e: unknown) => e instanceof WitnessError && re.test(e.details ?? '');
import { BallotCircuit, DataPoolCircuit, allowlist, renderBallotNr, renderDataPoolNr } from '../src/programs/index.js';

const params = bfvParameters(INSECURE_N512);
const ORCH = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const CAROL = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const MALLORY = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';
const ctx = (who: string, e3Id = 1n) => inputContext({ chainId: 31337, orchestrator: ORCH, e3Id, submitter: who });
const noir = (p: string) => new URL(`../noir/${p}`, import.meta.url);

let pk: PublicKey;
let pkC: bigint;
let pool: DataPoolCircuit;
let ballot: BallotCircuit;
const list = allowlist([ALICE, BOB, CAROL], 2);

const encrypt = (coeffs: number[]) => encryptWithWitness(params, pk, encodeCoeffs(params, coeffs));

before(async () => {
  pk = genPublicKey(params, genSecretKey(params));
  const c = centredPublicKey(pk);
  pkC = commitRnsPolys(DOMAINS.PK, [c.pk0, c.pk1], params.moduli, params.N);
  pool = await DataPoolCircuit.load(params, { fields: 8, maxCount: 1000n });
  ballot = await BallotCircuit.load(params, { options: 3, depth: 2 });
});

after(async () => {
  await pool?.close();
  await ballot?.close();
});

test('the program circuits embed the user-encryption statement verbatim', () => {
  const body = (s: string) => s.slice(s.indexOf('fn copy_into')).replace('pub fn user_encryption(', 'fn main(').replace(/: Field,/g, ': pub Field,');
  const ue = readFileSync(noir('user_encryption/src/main.nr'), 'utf8');
  for (const p of ['ballot_validity', 'datapool_validity']) {
    const src = readFileSync(noir(`${p}/src/user_enc.nr`), 'utf8');
    // Only the six public inputs turn from `pub Field` into `Field` (the caller makes them public).
    assert.equal(body(src).replace(/\s+/g, ' '), ue.slice(ue.indexOf('fn copy_into')).replace(/\s+/g, ' '), p);
  }
});

test('the committed program.nr files are the generated INSECURE_N512 defaults', () => {
  assert.equal(readFileSync(noir('datapool_validity/src/program.nr'), 'utf8'), renderDataPoolNr(params, { fields: 8, maxCount: 1000n }));
  assert.equal(readFileSync(noir('ballot_validity/src/program.nr'), 'utf8'), renderBallotNr(params, { options: 3, depth: 2 }));
});

test('datapool: valid counts prove and verify; a copied or swapped input is rejected', async () => {
  const counts = [0, 1000, 7, 42, 999, 0, 1, 500];
  const { ciphertext, witness } = encrypt(counts);
  assert.deepEqual(pool.counts(witness), counts.map(BigInt));
  const proof = await pool.prove(witness, { context: ctx(ALICE) });
  const ct = centredCiphertext(ciphertext);
  assert.equal((await pool.verify(pkC, ct, proof, ctx(ALICE))).ok, true);
  // Copied into BOB's transaction, or into another E3: the context differs.
  assert.equal((await pool.verify(pkC, ct, proof, ctx(BOB))).ok, false);
  assert.equal((await pool.verify(pkC, ct, proof, ctx(ALICE, 2n))).ok, false);
  // The same proof with another ciphertext (of in-range counts).
  const other = centredCiphertext(encrypt([1, 2, 3]).ciphertext);
  assert.equal((await pool.verify(pkC, other, proof, ctx(ALICE))).ok, false);
});

test('datapool: an out-of-range count is refused before proving and by the circuit', async () => {
  const { witness } = encrypt([5, 1001]);
  assert.throws(() => pool.counts(witness), CircuitInputError);
  await assert.rejects(pool.prove(witness, { context: ctx(ALICE) }), CircuitInputError);
  await assert.rejects(pool.prove(witness, { context: ctx(ALICE) }, false), circuitRejects(/./) /* a range (bit-size) check fails */);
  // A count in a coefficient past the declared fields.
  const past = new Array<number>(9).fill(0);
  past[8] = 1;
  await assert.rejects(pool.prove(encrypt(past).witness, { context: ctx(ALICE) }, false), circuitRejects(/coefficient beyond the counts is not zero/));
});

test('ballot: a one-hot ballot of a listed voter proves and verifies only for that voter', async () => {
  const { ciphertext, witness } = encrypt([0, 1, 0]);
  assert.equal(ballot.choice(witness), 1);
  const proof = await ballot.prove(witness, { context: ctx(BOB) }, BOB, list);
  const ct = centredCiphertext(ciphertext);
  assert.equal((await ballot.verify(pkC, ct, proof, ctx(BOB), BOB, list.root)).ok, true);
  // Copied by ALICE (also eligible) into her own transaction: context and voter both differ.
  assert.equal((await ballot.verify(pkC, ct, proof, ctx(ALICE), ALICE, list.root)).ok, false);
  // Right context but another voter public input, or another allowlist root.
  assert.equal((await ballot.verify(pkC, ct, proof, ctx(BOB), ALICE, list.root)).ok, false);
  assert.equal((await ballot.verify(pkC, ct, proof, ctx(BOB), BOB, allowlist([BOB], 2).root)).ok, false);
});

test('ballot: two options, no option, or an ineligible voter are refused before proving and by the circuit', async () => {
  const cases: [number[], RegExp][] = [
    [[1, 1, 0], /exactly one option/],
    [[0, 0, 0], /exactly one option/],
    [[2, 0, 0], /not 0 or 1/],
    [[0, 1, 0, 1], /beyond the options/],
  ];
  for (const [coeffs, re] of cases) {
    const { witness } = encrypt(coeffs);
    assert.throws(() => ballot.choice(witness), CircuitInputError, String(coeffs));
    await assert.rejects(ballot.prove(witness, { context: ctx(ALICE) }, ALICE, list, false), circuitRejects(re), String(coeffs));
  }
  const { witness } = encrypt([1, 0, 0]);
  await assert.rejects(ballot.prove(witness, { context: ctx(MALLORY) }, MALLORY, list), CircuitInputError);
  await assert.rejects(ballot.prove(witness, { context: ctx(MALLORY) }, MALLORY, list, false), circuitRejects(/not in the allowlist/));
});

test('allowlist: paths recompute the root; bad lists are typed errors', () => {
  assert.throws(() => allowlist([ALICE, ALICE.toLowerCase()], 2), CircuitInputError);
  assert.throws(() => allowlist([ALICE, BOB, CAROL, MALLORY, ORCH], 2), CircuitInputError);
  assert.throws(() => allowlist(['0x12'], 2), CircuitInputError);
  assert.notEqual(allowlist([ALICE, BOB], 2).root, allowlist([BOB, ALICE], 2).root);
});
