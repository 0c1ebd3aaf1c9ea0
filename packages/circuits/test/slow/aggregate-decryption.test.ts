/**
 * The decryption fold (spec 003 P4; issue 10, "Aggregation and the chain") on INSECURE_N512,
 * n = 3, T = 1, with a real DKG from @interfold/threshold: C6 proofs of parties 1 and 3 in the
 * recursive target, folded with C7's statement into one proof, verified by the fold's deployed
 * verifier and by DecryptionAggregateAdapter in the in-process EVM. Proofs are fixtures (content-
 * addressed, test/fixtures/store.ts): four inner proofs and one fold proof on a cold cache. An
 * inner proof that does not verify inside the fold yields an outer proof the deployed verifier
 * rejects (RECURSION.md, "Evidence"); fold() refuses such shares before proving.
 *
 * Time: 56 s with the fixtures cached. A cold cache adds the 2^21 + 1-point development CRS (once
 * per machine; 2^20 new points) and a 2^21 fold proof: 49 min at load average 30 on this machine.
 */
import { test, before, after } from 'node:test';
import { readFileSync } from 'node:fs';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import { Session, runDkg, decryptionShare, combineDecryptionShares, type DkgResult } from '@interfold/threshold';
import { bytesToHex as toHex0x, encodeDeployData, encodeFunctionData, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import {
  decryptionAggregateAdapterAbi,
  decryptionAggregateAdapterBytecode,
  fixedCommitteeViewAbi,
  fixedCommitteeViewBytecode,
  encodeDecryptionAggregateBundle,
  encodePlaintextWords,
  signKeyShares,
  sortSigned,
} from '@interfold/contracts';
import { DecryptionFoldCircuit, decryptionFoldOverlays, decryptionFoldPublicInputs, type DecryptionFoldStatement, type FoldableShare, type FoldedDecryption } from '../../src/aggregate/decryption.js';
import { centredOutput, centredPoly, shareWitness } from '../../src/decryption/threshold.js';
import { ciphertextCommitment } from '../../src/decryption/shareWitness.js';
import { packPlaintext } from '../../src/decryption/decodeWitness.js';
import { c7Layout } from '../../src/decryption/layout.js';
import { CircuitInputError, VerificationError, WitnessError } from '../../src/errors.js';
import { fieldToHex } from '../../src/poseidon2/field.js';
import { fixture } from '../fixtures/store.js';

const params = B.bfvParameters(B.INSECURE_N512);
const transport = B.bfvParameters(B.INSECURE_TRANSPORT_N512);
const E3 = 77n;
const T = 1;
let fold: DecryptionFoldCircuit;
let dkg: DkgResult;
let ct: B.Ciphertext;
let message: bigint[];
let ctx: { e3Id: bigint; ctCommitment: bigint; commitments: Map<number, { skCommitment: bigint; esmCommitment: bigint }> };
const foldable = new Map<number, FoldableShare>();
let otherE3: FoldableShare; // party 1's share of the same ciphertext, proved for E3 + 1
let folded: FoldedDecryption;

before(async () => {
  const session = new Session({ params, transport, n: 3, T, seed: 'aggregate-decryption', maxInputs: 4, lambda: 30 });
  dkg = runDkg(session, { sources: (id) => new SeededSource(`aggregate-decryption/${id}`, 'test/circuits') });
  assert.deepEqual(dkg.authorised, [1, 2, 3]);
  const src = new SeededSource('aggregate-decryption/encrypt', 'test/circuits');
  const a = Array.from({ length: params.N }, (_, j) => BigInt((j * 31 + 7) % Number(params.t)));
  const b = Array.from({ length: params.N }, (_, j) => BigInt((j * j + 1) % Number(params.t)));
  ct = B.add(params, B.encrypt(params, dkg.pk, B.encodeCoeffs(params, a), src), B.encrypt(params, dkg.pk, B.encodeCoeffs(params, b), src));
  message = a.map((x, j) => (x + b[j]!) % params.t);
  fold = await DecryptionFoldCircuit.load(params, T);
  const key = [fold.outer.artifactHash, fieldToHex(fold.innerVk.hash), fold.c6.circuit.artifactHash];
  const witnesses = new Map([1, 2, 3].map((j) => [j, shareWitness(params, dkg.keyShares.get(j)!, ct, decryptionShare(params, dkg.keyShares.get(j)!, ct))]));
  const digest = (j: number) => JSON.stringify(witnesses.get(j)!.d.map((l) => l.slice(0, 8).map(String)));
  ctx = { e3Id: E3, ctCommitment: ciphertextCommitment(centredOutput(params, ct), fold.c6.layout), commitments: new Map() };
  for (const j of [1, 2, 3]) {
    const s = (await fixture(`fold-c6-${j}`, [...key, String(E3), digest(j)], () => fold.proveShare(witnesses.get(j)!, { e3Id: E3, party: j }))).value;
    foldable.set(j, s);
    ctx.commitments.set(j, { skCommitment: s.proof.publicInputs[1]!, esmCommitment: s.proof.publicInputs[2]! });
  }
  otherE3 = (await fixture('fold-c6-1-other-e3', [...key, String(E3 + 1n), digest(1)], () => fold.proveShare(witnesses.get(1)!, { e3Id: E3 + 1n, party: 1 }))).value;
  folded = (await fixture('fold-decryption', [...key, ...[1, 3].map((j) => foldable.get(j)!.proof.fields.map(String).join())], () => fold.fold(ctx, [foldable.get(1)!, foldable.get(3)!]))).value;
});

after(async () => {
  await fold?.close();
});

test('the committed params.nr (C7 constants, S = T + 1 = 2) and vk.nr of the fold are the generated ones', () => {
  const read = (f: string) => readFileSync(new URL(`../../noir/${f}`, import.meta.url), 'utf8');
  const ov = decryptionFoldOverlays(c7Layout(params, T + 1), fold.innerVk);
  assert.equal(read('c7_relations/src/params.nr'), ov['c7_relations/src/params.nr']);
  assert.equal(read('decryption_aggregate/src/vk.nr'), ov['decryption_aggregate/src/vk.nr'], 'vk.nr pins the C6 vk of the development CRS');
});

test('the fold proves the plaintext of ids {1, 3} and verifies through its deployed verifier', async () => {
  assert.deepEqual(folded.statement.ids, [1, 3]);
  assert.deepEqual(folded.statement.plaintext, message);
  const reference = combineDecryptionShares(params, [1, 3].map((j) => decryptionShare(params, dkg.keyShares.get(j)!, ct)), T);
  assert.deepEqual(folded.statement.plaintext, Array.from(reference.plaintext.coeffs as ArrayLike<number>, (x) => BigInt(x)));
  assert.deepEqual(folded.publicInputs.map(BigInt), decryptionFoldPublicInputs(folded.statement, fold.layout));
  const r = await fold.verify(folded.proof, folded.statement);
  assert.equal(r.ok, true, r.reason);
  console.log(`decryption fold (T = ${T}): ${fold.outer.stats.gates} gates (2^${Math.log2(fold.outer.stats.dyadic)}), verify ${r.gasUsed} gas`);
});

test('the fold verifier rejects another E3, ciphertext, decrypting set, key share, a plaintext differing in one slot, a tampered proof', async () => {
  const s = folded.statement;
  const m = [...s.plaintext];
  m[200] = (m[200]! + 1n) % params.t;
  const flipped = Uint8Array.from(folded.proof);
  flipped[200] = flipped[200]! ^ 1;
  const cases: [string, Uint8Array, DecryptionFoldStatement][] = [
    ['another E3', folded.proof, { ...s, e3Id: E3 + 1n }],
    ['another ciphertext', folded.proof, { ...s, ctCommitment: s.ctCommitment + 1n }],
    ['a member swapped (ids {1, 2})', folded.proof, { ...s, ids: [1, 2] }],
    ['another key share', folded.proof, { ...s, skCommitments: [ctx.commitments.get(2)!.skCommitment, s.skCommitments[1]!] }],
    ['another smudging share', folded.proof, { ...s, esmCommitments: [s.esmCommitments[0]!, ctx.commitments.get(2)!.esmCommitment] }],
    ['a plaintext differing in one slot', folded.proof, { ...s, plaintext: m }],
    ['a tampered proof', flipped, s],
  ];
  for (const [what, proof, st] of cases) {
    assert.equal((await fold.verify(proof, st)).ok, false, what);
  }
  // A member missing or added: the statement has exactly T + 1 ids.
  assert.equal((await fold.verify(folded.proof, { ...s, ids: [1] })).ok, false);
  assert.equal((await fold.verify(folded.proof, { ...s, ids: [1, 2, 3] })).ok, false);
});

test('fold() refuses shares it cannot fold: another E3 or party, too few, duplicates, a non-member', async () => {
  const [s1, s2, s3] = [1, 2, 3].map((j) => foldable.get(j)!);
  await assert.rejects(fold.fold(ctx, [otherE3, s3!]), VerificationError);
  await assert.rejects(fold.fold(ctx, [{ ...s2!, party: 1 }, s3!]), VerificationError);
  await assert.rejects(fold.fold(ctx, [s1!]), CircuitInputError);
  await assert.rejects(fold.fold(ctx, [s1!, s1!]), CircuitInputError);
  await assert.rejects(fold.fold({ ...ctx, commitments: new Map([[3, ctx.commitments.get(3)!]]) }, [s1!, s3!]), CircuitInputError);
});

test('the fold circuit refuses another vk, and a plaintext not the decoding (witness)', async () => {
  const [s1, s3] = [foldable.get(1)!, foldable.get(3)!];
  const inputs = fold.foldInputs(ctx, [s1, s3]);
  const vk = [...(inputs.c6_vk as string[])];
  vk[3] = fieldToHex(BigInt(vk[3]!) + 1n);
  const fails = (i: typeof inputs, re: RegExp) =>
    assert.rejects(fold.outer.witness(i), (e: unknown) => {
      assert.ok(e instanceof WitnessError, String(e));
      assert.match(e.assertion ?? e.message, re);
      return true;
    });
  await fails({ ...inputs, c6_vk: vk }, /not the C6 verification key/);
  const m = [...(inputs.m as string[])];
  m[9] = fieldToHex((BigInt(m[9]!) + 1n) % params.t);
  await fails({ ...inputs, m }, /plaintext is not the decoded value/);
});

test('on chain: DecryptionAggregateAdapter accepts the folded decryption in one verification and rejects changes', async () => {
  const { host, address: verifier } = await fold.outer.deployed();
  const hex = (b: Uint8Array): Hex => toHex0x(b);
  const addr = (a: { bytes: Uint8Array }): Hex => hex(a.bytes);
  const accounts = [0, 1, 2].map(() => privateKeyToAccount(generatePrivateKey()));
  const view = await host.deployCode(encodeDeployData({ abi: fixedCommitteeViewAbi, bytecode: fixedCommitteeViewBytecode, args: [accounts.map((a) => a.address), T] }).slice(2));
  const adapter = await host.deployCode(
    encodeDeployData({ abi: decryptionAggregateAdapterAbi, bytecode: decryptionAggregateAdapterBytecode, args: [addr(verifier), addr(view), BigInt(T + 1)] }).slice(2),
  );
  const w32 = (x: bigint): Hex => fieldToHex(x) as Hex;
  const table = {
    parties: [1n, 2n, 3n],
    skCommitments: [1, 2, 3].map((j) => w32(ctx.commitments.get(j)!.skCommitment)),
    esmCommitments: [1, 2, 3].map((j) => w32(ctx.commitments.get(j)!.esmCommitment)),
  };
  const sign = (a: (typeof accounts)[number]) => signKeyShares(a, { chainId: 1, adapter: addr(adapter), e3Id: E3, table });
  const signed = await Promise.all(accounts.slice(0, T + 1).map(async (a) => ({ signer: a.address, signature: await sign(a) })));
  const bundle = { ...table, keySignatures: sortSigned(signed), ids: folded.statement.ids.map(BigInt), foldProof: hex(folded.proof) };
  const words = packPlaintext(folded.statement.plaintext, fold.layout).map(w32);
  const call = (ct: bigint, ws: Hex[], b: typeof bundle, e3 = E3) =>
    host.callBool(
      adapter,
      Buffer.from(
        encodeFunctionData({ abi: decryptionAggregateAdapterAbi, functionName: 'verifyDecryption', args: [e3, w32(ct), encodePlaintextWords(ws), encodeDecryptionAggregateBundle(b)] }).slice(2),
        'hex',
      ),
    );
  const ok = await call(ctx.ctCommitment, words, bundle);
  assert.equal(ok.ok, true, ok.reason);
  console.log(`DecryptionAggregateAdapter.verifyDecryption (T = ${T}: one UltraHonk verification): ${ok.gasUsed} gas`);
  assert.ok(ok.gasUsed < 3_500_000n, `gas ${ok.gasUsed}`);
  const otherWords = [...words];
  otherWords[3] = w32(BigInt(words[3]!) + 1n);
  const flipped = Uint8Array.from(folded.proof);
  flipped[300] = flipped[300]! ^ 1;
  for (const [what, r] of [
    ['a plaintext word', await call(ctx.ctCommitment, otherWords, bundle)],
    ['another ciphertext', await call(ctx.ctCommitment + 1n, words, bundle)],
    ['another E3', await call(ctx.ctCommitment, words, bundle, E3 + 1n)],
    ['a member swapped', await call(ctx.ctCommitment, words, { ...bundle, ids: [1n, 2n] })],
    ['a member missing', await call(ctx.ctCommitment, words, { ...bundle, ids: [1n] })],
    ['a member added', await call(ctx.ctCommitment, words, { ...bundle, ids: [1n, 2n, 3n] })],
    ['a non-member id', await call(ctx.ctCommitment, words, { ...bundle, ids: [1n, 4n] })],
    ['a key-share table nobody attested', await call(ctx.ctCommitment, words, { ...bundle, skCommitments: [bundle.skCommitments[1]!, ...bundle.skCommitments.slice(1)] })],
    ['too few attestations', await call(ctx.ctCommitment, words, { ...bundle, keySignatures: bundle.keySignatures.slice(0, T) })],
    ['a tampered proof', await call(ctx.ctCommitment, words, { ...bundle, foldProof: hex(flipped) })],
  ] as const) {
    assert.equal(r.ok, false, what);
  }
});
