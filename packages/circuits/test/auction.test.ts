/**
 * The auction bid circuit on INSECURE_N512 with K = 4 levels (docs/ZK.md "Program validity
 * proofs", auction bid): one valid bid proves and verifies through the deployed Solidity verifier
 * (one proof in this file); the same proof is rejected for another submitter, another bidder id,
 * swapped ciphertexts and when tampered; invalid bids (two levels, no level, a level above K, Y
 * with another id, a stray slot) are refused before proving and by the circuit's own assertions.
 */
import { test, before, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { bfvParameters, INSECURE_N512, genSecretKey, genPublicKey, encodeSlots, decodeSlots, encryptWithWitness, type PublicKey } from '@interfold/bfv';
import { centredCiphertext, centredPublicKey } from '../src/userEncryption/centred.js';
import { inputContext } from '../src/userEncryption/context.js';
import { commitRnsPolys } from '../src/commitments/rns.js';
import { DOMAINS } from '../src/commitments/domains.js';
import { CircuitInputError, WitnessError } from '../src/errors.js';
import { AuctionBidCircuit, auctionBidSlots, renderAuctionBidNr, witnessSlots, type AuctionBidWitness, type BidVector } from '../src/programs/index.js';

const circuitRejects = (re: RegExp) => (e: unknown) => e instanceof WitnessError && re.test(e.details ?? '');

const params = bfvParameters(INSECURE_N512);
const K = 4;
const ORCH = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const ctx = (who: string, e3Id = 1n) => inputContext({ chainId: 31337, orchestrator: ORCH, e3Id, submitter: who });
const noir = (p: string) => new URL(`../noir/${p}`, import.meta.url);

let pk: PublicKey;
let pkC: bigint;
let circuit: AuctionBidCircuit;

/** Encrypts three slot vectors (with witnesses) under pk. */
function encryptBid(z: Record<BidVector, bigint[]>) {
  const out = { x: encryptWithWitness(params, pk, encodeSlots(params, z.x)), w: encryptWithWitness(params, pk, encodeSlots(params, z.w)), y: encryptWithWitness(params, pk, encodeSlots(params, z.y)) };
  const witness: AuctionBidWitness = { x: out.x.witness, w: out.w.witness, y: out.y.witness };
  const cts = { x: centredCiphertext(out.x.ciphertext), w: centredCiphertext(out.w.ciphertext), y: centredCiphertext(out.y.ciphertext) };
  return { witness, cts };
}

before(async () => {
  pk = genPublicKey(params, genSecretKey(params));
  const c = centredPublicKey(pk);
  pkC = commitRnsPolys(DOMAINS.PK, [c.pk0, c.pk1], params.moduli, params.N);
  circuit = await AuctionBidCircuit.load(params, { levels: K });
});

after(async () => {
  await circuit?.close();
});

test('auction_bid embeds the user-encryption statement verbatim; program.nr is the generated default', () => {
  const body = (s: string) => s.slice(s.indexOf('fn copy_into')).replace('pub fn user_encryption(', 'fn main(').replace(/: Field,/g, ': pub Field,');
  const ue = readFileSync(noir('user_encryption/src/main.nr'), 'utf8');
  const src = readFileSync(noir('auction_bid/src/user_enc.nr'), 'utf8');
  assert.equal(body(src).replace(/\s+/g, ' '), ue.slice(ue.indexOf('fn copy_into')).replace(/\s+/g, ' '));
  assert.equal(readFileSync(noir('auction_bid/src/program.nr'), 'utf8'), renderAuctionBidNr(params, { levels: K }));
});

test('the slot map of the witness is bfv decodeSlots (the circuit inverts this transform)', () => {
  const z = auctionBidSlots(params.N, K, 2, 5n);
  const pt = encodeSlots(params, z.y);
  const { witness } = encryptWithWitness(params, pk, pt);
  assert.deepEqual(witnessSlots(params, witness), decodeSlots(pt).map(BigInt));
  assert.deepEqual(witnessSlots(params, witness), z.y);
});

test('a valid bid proves and verifies only for its submitter, its id and its ciphertexts', async () => {
  const id = 2n;
  const { witness, cts } = encryptBid(auctionBidSlots(params.N, K, 3, id));
  assert.equal(circuit.level(witness, id), 3);
  const proof = await circuit.prove(witness, { context: ctx(ALICE) }, id);
  const ok = await circuit.verify(pkC, cts, proof, ctx(ALICE), id);
  assert.equal(ok.ok, true, ok.reason);
  // Replayed by BOB (his context), or into another E3.
  assert.equal((await circuit.verify(pkC, cts, proof, ctx(BOB), id)).ok, false);
  assert.equal((await circuit.verify(pkC, cts, proof, ctx(ALICE, 2n), id)).ok, false);
  // Claimed for another bidder position.
  assert.equal((await circuit.verify(pkC, cts, proof, ctx(ALICE), 3n)).ok, false);
  // The ciphertexts in another order, or one replaced by another bid's.
  assert.equal((await circuit.verify(pkC, { ...cts, x: cts.w, w: cts.x }, proof, ctx(ALICE), id)).ok, false);
  const other = encryptBid(auctionBidSlots(params.N, K, 1, id)).cts;
  assert.equal((await circuit.verify(pkC, { ...cts, y: other.y }, proof, ctx(ALICE), id)).ok, false);
  // Tampered proof bytes, a truncated proof, a changed public challenge.
  for (const at of [100, proof.proof.length >> 1, proof.proof.length - 1]) {
    const bad = Uint8Array.from(proof.proof);
    bad[at]! ^= 1;
    assert.equal((await circuit.verify(pkC, cts, { ...proof, proof: bad }, ctx(ALICE), id)).ok, false, `byte ${at}`);
  }
  assert.equal((await circuit.verify(pkC, cts, { ...proof, proof: proof.proof.slice(0, 1000) }, ctx(ALICE), id)).ok, false);
  const pis = proof.publicInputs.map((b) => Uint8Array.from(b));
  pis[2]![31]! ^= 1;
  assert.equal((await circuit.verify(pkC, cts, { ...proof, publicInputs: pis }, ctx(ALICE), id)).ok, false);
});

test('invalid bids are refused before proving and by the circuit', async () => {
  const id = 2n;
  const valid = auctionBidSlots(params.N, K, 2, id);
  const twoLevels = { x: auctionBidSlots(params.N, K, 3, id).x, w: valid.w.map((v, i) => (i === K + 2 ? 1n : v)), y: valid.y };
  const stray = { ...valid, x: valid.x.map((v, i) => (i === 3 * K ? 7n : v)) };
  const cases: [string, Record<BidVector, bigint[]>, RegExp][] = [
    ['two levels set', twoLevels, /exactly one level/],
    ['no level (b = 0)', auctionBidSlots(params.N, K, 0, id), /exactly one level/],
    ['level K + 1', auctionBidSlots(params.N, K, K + 1, id), /exactly one level/],
    ['Y with another id', { ...valid, y: auctionBidSlots(params.N, K, 2, 3n).y }, /not the encoding of one level/],
    ['a slot past the blocks', stray, /not the encoding of one level/],
  ];
  for (const [name, z, re] of cases) {
    const { witness } = encryptBid(z);
    assert.throws(() => circuit.level(witness, id), CircuitInputError, name);
    await assert.rejects(circuit.prove(witness, { context: ctx(ALICE) }, id), CircuitInputError, name);
    await assert.rejects(circuit.prove(witness, { context: ctx(ALICE) }, id, false), circuitRejects(re), name);
  }
});
