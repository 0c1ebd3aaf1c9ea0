/**
 * Verifiable threshold decryption (spec 003 P4, C6 and C7; issue 10) on INSECURE_N512, n = 3,
 * T = 1, with the real DKG of the shared fixture (test/fixtures/dkg.ts: the DKG whose C0-C5 proofs
 * dkg.test.ts checks, so C6 consumes exactly the C4 outputs of that DKG). Four proofs in all (C6
 * for parties 1, 2, 3; C7 for {1, 3}), reused by every test; the negative cases run the circuit's
 * own assertions (witness generation) or the deployed verifiers on changed public inputs.
 */
import { test, before, after } from 'node:test';
import { readFileSync } from 'node:fs';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { decryptionShare, combineDecryptionShares, type DkgResult, type DecryptionShare } from '@interfold/threshold';
import { DecryptionShareCircuit, DecodeCircuit, type DecryptionShareProof, type DecodeProof } from '../src/decryption/circuits.js';
import { buildC6Inputs, ciphertextCommitment, decryptionShareCommitment, type DecryptionShareWitness } from '../src/decryption/shareWitness.js';
import { buildC7Inputs, lagrangeCoefficients } from '../src/decryption/decodeWitness.js';
import { centredOutput, centredPoly, shareWitness } from '../src/decryption/threshold.js';
import { c7Layout, decryptionLayout, renderC6ParamsNr, renderC7ParamsNr } from '../src/decryption/layout.js';
import { combineVerifiedShares, verifyDecryption, type DecryptionContext, type ProvedShare, type VerifiableDecryption } from '../src/decryption/aggregate.js';
import { CircuitInputError, VerificationError, WitnessError } from '../src/errors.js';
import { fieldToHex } from '../src/poseidon2/field.js';
import { commitRnsPolys } from '../src/commitments/rns.js';
import { DOMAINS } from '../src/commitments/domains.js';
import type { Proof } from '../src/circuit.js';
import { c4Commitments } from '../src/dkg/aggregate.js';
import { dkgRun } from './fixtures/dkg.js';
import { bytesToHex as toHex0x, encodeDeployData, encodeFunctionData, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import {
  decryptionProofAdapterAbi,
  decryptionProofAdapterBytecode,
  fixedCommitteeViewAbi,
  fixedCommitteeViewBytecode,
  encodeDecryptionBundle,
  encodePlaintextWords,
  signKeyShares,
  sortSigned,
} from '@interfold/contracts';

const params = B.bfvParameters(B.INSECURE_N512);
const E3 = 42n;
const T = 1;
let c6: DecryptionShareCircuit;
let c7: DecodeCircuit;
let dkg: DkgResult;
let ct: B.Ciphertext;
let other: B.Ciphertext;
let message: bigint[];
const shares = new Map<number, DecryptionShare>();
const witnesses = new Map<number, DecryptionShareWitness>();
const proofs = new Map<number, DecryptionShareProof>();
let ctx: DecryptionContext;
let decryption: VerifiableDecryption;
let decode: DecodeProof;
let excluded: { party: number; reason: string }[];

const d = (j: number) => centredPoly(params, shares.get(j)!.d);
const expected = (j: number) => proofs.get(j)!.publicInputs;
const witnessFails = async (inputs: Parameters<typeof c6.circuit.witness>[0], assertion: RegExp, circuit = c6.circuit) =>
  assert.rejects(circuit.witness(inputs), (e: unknown) => {
    assert.ok(e instanceof WitnessError, String(e));
    assert.match(e.assertion ?? e.message, assertion);
    return true;
  });

before(async () => {
  ({ dkg } = dkgRun());
  assert.equal(dkg.session.T, T);
  assert.deepEqual(dkg.authorised, [1, 2, 3]);
  message = Array.from({ length: params.N }, (_, j) => BigInt((j * 97 + 3) % Number(params.t)));
  // The "program output": a sum of two encryptions (message = a + b).
  const a = message.map((m, j) => (m + BigInt(j)) % params.t);
  const b = message.map((m, j) => (m - BigInt(j) + params.t * 2n) % params.t);
  ct = B.add(params, B.encrypt(params, dkg.pk, B.encodeCoeffs(params, a.map((x) => x))), B.encrypt(params, dkg.pk, B.encodeCoeffs(params, b)));
  message = a.map((x, j) => (x + b[j]!) % params.t);
  other = B.encrypt(params, dkg.pk, B.encodeCoeffs(params, [1n]));
  for (const j of [1, 2, 3]) {
    const key = dkg.keyShares.get(j)!;
    const s = decryptionShare(params, key, ct);
    shares.set(j, s);
    witnesses.set(j, shareWitness(params, key, ct, s));
  }
  c6 = await DecryptionShareCircuit.load(params);
  c7 = await DecodeCircuit.load(params, T + 1);
  for (const j of [1, 2, 3]) proofs.set(j, await c6.prove(witnesses.get(j)!, { e3Id: E3, party: j }));
  ctx = {
    e3Id: E3,
    ctCommitment: ciphertextCommitment(centredOutput(params, ct), c6.layout),
    T,
    commitments: new Map([1, 2, 3].map((j) => [j, { skCommitment: expected(j).skCommitment, esmCommitment: expected(j).esmCommitment }])),
  };
  // Party 2 sends a share one coefficient off, with the proof of its honest share.
  const bad = d(2).map((limb) => [...limb]);
  bad[1]![7] = bad[1]![7]! + 1n;
  const received: ProvedShare[] = [
    { party: 1, d: d(1), proof: proofs.get(1)!.proof },
    { party: 2, d: bad, proof: proofs.get(2)!.proof },
    { party: 3, d: d(3), proof: proofs.get(3)!.proof },
  ];
  ({ decryption, excluded, decode } = await combineVerifiedShares(c6, c7, ctx, received));
});

after(async () => {
  await c6?.close();
  await c7?.close();
});

test('the committed params.nr files are the generated INSECURE_N512 ones (C6; C7 for T + 1 = 2)', () => {
  const read = (f: string) => readFileSync(new URL(`../noir/${f}`, import.meta.url), 'utf8');
  assert.equal(read('c6_decryption_share/src/params.nr'), renderC6ParamsNr(decryptionLayout(params)));
  assert.equal(read('c7_relations/src/params.nr'), renderC7ParamsNr(c7Layout(params, 2)));
});

test('C4 commitment format: the C6 public inputs are commitRnsPolys(C4_SK_AGG | C4_ESM_AGG, [share]) of the key share', () => {
  const key = dkg.keyShares.get(1)!;
  assert.equal(expected(1).skCommitment, commitRnsPolys(DOMAINS.C4_SK_AGG, [centredPoly(params, key.sk)], params.moduli, params.N));
  assert.equal(expected(1).esmCommitment, commitRnsPolys(DOMAINS.C4_ESM_AGG, [centredPoly(params, key.esm)], params.moduli, params.N));
  assert.equal(expected(1).dCommitment, decryptionShareCommitment(d(1), c6.layout));
  assert.equal(expected(1).ctCommitment, ctx.ctCommitment);
  // ...which are the C4 outputs of the same DKG (its C4 proofs are checked in dkg.test.ts).
  for (const j of [1, 2, 3]) {
    const key = dkg.keyShares.get(j)!;
    const c4 = c4Commitments(params, centredPoly(params, key.sk), centredPoly(params, key.esm));
    assert.deepEqual({ sk: expected(j).skCommitment, esm: expected(j).esmCommitment }, { sk: c4.skAggCommitment, esm: c4.esmAggCommitment });
  }
});

test('valid C6 proofs verify through the deployed verifier (bound to the E3 and the party)', async () => {
  for (const j of [1, 2, 3]) {
    const r = await c6.verify(proofs.get(j)!.proof, expected(j));
    assert.equal(r.ok, true, r.reason);
    assert.ok(r.gasUsed > 500_000n && r.gasUsed < 1_500_000n, `gas ${r.gasUsed}`); // bb's optimized ZK verifier: ≈ 0.9 M
  }
  const p = proofs.get(1)!;
  for (const wrong of [{ ...expected(1), e3Id: E3 + 1n }, { ...expected(1), party: 2n }]) assert.equal((await c6.verify(p.proof, wrong)).ok, false);
});

test('C6 rejects a share +1 in one coefficient (circuit and verifier)', async () => {
  const w = witnesses.get(1)!;
  const dd = w.d.map((l) => [...l]);
  dd[0]![5] = dd[0]![5]! + 1n;
  await witnessFails(buildC6Inputs({ ...w, d: dd }, c6.layout, { e3Id: E3, party: 1 }).inputs, /identity fails/);
  const r = await c6.verify(proofs.get(1)!.proof, { ...expected(1), dCommitment: decryptionShareCommitment(dd, c6.layout) });
  assert.equal(r.ok, false);
});

test('C6 rejects a share made with another key share or another smudging share', async () => {
  const w1 = witnesses.get(1)!;
  const w2 = witnesses.get(2)!;
  // The share of party 2, presented under party 1's C4 commitments.
  assert.equal((await c6.verify(proofs.get(2)!.proof, { ...expected(2), skCommitment: expected(1).skCommitment })).ok, false);
  assert.equal((await c6.verify(proofs.get(2)!.proof, { ...expected(2), esmCommitment: expected(1).esmCommitment })).ok, false);
  // Party 1's share recomputed with party 2's key share (or smudging share): the identity fails
  // when the committed key is used; with the other key, its commitment is not party 1's.
  const withSk2 = buildC6Inputs({ ...w1, sk: w2.sk }, c6.layout, { e3Id: E3, party: 1 }, false).inputs;
  await witnessFails(withSk2, /identity fails/);
  await witnessFails({ ...withSk2, sk_commitment: fieldToHex(expected(1).skCommitment) }, /sk share commitment mismatch/);
  const withEsm2 = buildC6Inputs({ ...w1, esm: w2.esm }, c6.layout, { e3Id: E3, party: 1 }, false).inputs;
  await witnessFails(withEsm2, /identity fails/);
  await witnessFails({ ...withEsm2, esm_commitment: fieldToHex(expected(1).esmCommitment) }, /smudging share commitment mismatch/);
  // A share honestly made by key 1 for `ct` but with the smudging share of party 2 added instead.
  const d1 = w1.d.map((l, i) => l.map((x, k) => {
    const q = params.moduli[i]!;
    let y = (x - w1.esm[i]![k]! + w2.esm[i]![k]!) % q;
    if (y > (q - 1n) / 2n) y -= q;
    if (y < -(q - 1n) / 2n) y += q;
    return y;
  }));
  await witnessFails(buildC6Inputs({ ...w1, d: d1 }, c6.layout, { e3Id: E3, party: 1 }, false).inputs, /identity fails/);
});

test('C6 rejects a share for another ciphertext', async () => {
  const otherC = centredOutput(params, other);
  assert.equal((await c6.verify(proofs.get(1)!.proof, { ...expected(1), ctCommitment: ciphertextCommitment(otherC, c6.layout) })).ok, false);
  const w = witnesses.get(1)!;
  await witnessFails(buildC6Inputs({ ...w, ...otherC }, c6.layout, { e3Id: E3, party: 1 }).inputs, /identity fails/);
  const inputs = buildC6Inputs({ ...w, ...otherC }, c6.layout, { e3Id: E3, party: 1 }).inputs;
  await witnessFails({ ...inputs, ct_commitment: fieldToHex(ctx.ctCommitment) }, /ciphertext commitment mismatch/);
});

test('with T + 1 shares of which one is bad, the bad one is excluded; with a third honest member the plaintext is right', async () => {
  assert.deepEqual(excluded.map((e) => e.party), [2]);
  assert.match(excluded[0]!.reason, /C6 proof rejected/);
  assert.deepEqual(decryption.ids, [1, 3]);
  assert.deepEqual(decryption.plaintext, message);
  const reference = combineDecryptionShares(params, [shares.get(1)!, shares.get(3)!], T);
  assert.deepEqual(decryption.plaintext, Array.from(reference.plaintext.coeffs as ArrayLike<number>, (x) => BigInt(x)));
  // Only the two shares 1 and (bad) 2: not enough valid shares.
  const twoOnly: ProvedShare[] = [
    { party: 1, d: d(1), proof: proofs.get(1)!.proof },
    { party: 2, d: d(3), proof: proofs.get(2)!.proof },
  ];
  await assert.rejects(combineVerifiedShares(c6, c7, ctx, twoOnly), VerificationError);
});

test('a valid C7 proof verifies through the deployed verifier; the whole decryption verifies', async () => {
  const r = await c7.verify(decode.proof, decode.publicInputs);
  assert.equal(r.ok, true, r.reason);
  const all = await verifyDecryption(c6, c7, ctx, decryption);
  assert.equal(all.ok, true, all.reason);
});

test('C7 rejects a wrong Lagrange coefficient or a wrong decrypting set', async () => {
  const ds = [d(1), d(3)];
  const lambda = params.moduli.map((q) => lagrangeCoefficients([1, 3], q));
  lambda[1]![0] = lambda[1]![0]! + 1n;
  await witnessFails(buildC7Inputs([1, 3], ds, c7.layout, { lambda }).inputs, /wrong Lagrange coefficient/, c7.circuit);
  // The coefficients of another set ({1, 2}) for the shares of {1, 3}.
  const lambda12 = params.moduli.map((q) => lagrangeCoefficients([1, 2], q));
  await witnessFails(buildC7Inputs([1, 3], ds, c7.layout, { lambda: lambda12 }).inputs, /wrong Lagrange coefficient/, c7.circuit);
  // Claiming the set {1, 2} for the shares of {1, 3}: the interpolation is wrong, so the true
  // plaintext does not decode...
  await witnessFails(buildC7Inputs([1, 2], ds, c7.layout, { plaintext: message }).inputs, /plaintext is not the decoded value/, c7.circuit);
  // ...and the published proof does not verify for another set, nor does the decryption.
  assert.equal((await c7.verify(decode.proof, { ...decode.publicInputs, ids: [1, 2] })).ok, false);
  assert.equal((await verifyDecryption(c6, c7, ctx, { ...decryption, ids: [1, 2] })).ok, false);
  assert.equal((await verifyDecryption(c6, c7, ctx, { ...decryption, dCommitments: [...decryption.dCommitments].reverse() })).ok, false);
  assert.throws(() => buildC7Inputs([3, 1], ds, c7.layout), CircuitInputError);
});

test('C7 rejects a wrong decode and a plaintext that differs in one slot', async () => {
  const ds = [d(1), d(3)];
  const wrong = [...message];
  wrong[11] = (wrong[11]! + 1n) % params.t;
  await witnessFails(buildC7Inputs([1, 3], ds, c7.layout, { plaintext: wrong }).inputs, /plaintext is not the decoded value/, c7.circuit);
  // The decode identity itself: a remainder that is not t*u + Q/2 - mp*Q.
  const { inputs } = buildC7Inputs([1, 3], ds, c7.layout);
  const rho = [...(inputs.rho as string[])];
  rho[4] = fieldToHex(BigInt(rho[4]!) + 1n);
  await witnessFails({ ...inputs, rho }, /decoding fails/, c7.circuit);
  assert.equal((await verifyDecryption(c6, c7, ctx, { ...decryption, plaintext: wrong })).ok, false);
  // A share the C7 prover changed after C6 committed it.
  const ds2 = [d(1).map((l) => [...l]), d(3)];
  ds2[0]![0]![0] = ds2[0]![0]![0]! + 1n;
  const changed = buildC7Inputs([1, 3], ds2, c7.layout).inputs;
  await witnessFails({ ...changed, d_commitments: decode.publicInputs.dCommitments.map(fieldToHex) }, /share commitment mismatch/, c7.circuit);
});

test('tampered proofs are rejected by both verifiers', async () => {
  const flip = (p: Proof): Proof => {
    const b = Uint8Array.from(p.proof);
    b[100] = b[100]! ^ 1;
    return { proof: b, publicInputs: p.publicInputs };
  };
  assert.equal((await c6.verify(flip(proofs.get(1)!.proof), expected(1))).ok, false);
  assert.equal((await c7.verify(flip(decode.proof), decode.publicInputs)).ok, false);
});

test('on chain: DecryptionProofAdapter accepts the decryption (real C6 and C7 verifiers) and rejects changes', async () => {
  const { host, address: c6Addr } = await c6.circuit.deployed();
  const c7Addr = await host.deploy(c7.circuit.solidity);
  const hex = (b: Uint8Array): Hex => toHex0x(b);
  const addr = (a: { bytes: Uint8Array }): Hex => hex(a.bytes);
  const accounts = [0, 1, 2].map(() => privateKeyToAccount(generatePrivateKey()));
  const view = await host.deployCode(
    encodeDeployData({ abi: fixedCommitteeViewAbi, bytecode: fixedCommitteeViewBytecode, args: [accounts.map((a) => a.address), T] }).slice(2),
  );
  const adapter = await host.deployCode(
    encodeDeployData({ abi: decryptionProofAdapterAbi, bytecode: decryptionProofAdapterBytecode, args: [addr(c6Addr), addr(c7Addr), addr(view), BigInt(T + 1)] }).slice(2),
  );
  const w32 = (x: bigint): Hex => fieldToHex(x) as Hex;
  const table = {
    parties: [1n, 2n, 3n],
    skCommitments: [1, 2, 3].map((j) => w32(expected(j).skCommitment)),
    esmCommitments: [1, 2, 3].map((j) => w32(expected(j).esmCommitment)),
  };
  // In-process EVM: chain id 1.
  const sign = (a: (typeof accounts)[number]) => signKeyShares(a, { chainId: 1, adapter: addr(adapter), e3Id: E3, table });
  const signed = await Promise.all(accounts.slice(0, T + 1).map(async (a) => ({ signer: a.address, signature: await sign(a) })));
  const bundle = {
    ...table,
    keySignatures: sortSigned(signed),
    ids: decryption.ids.map(BigInt),
    dCommitments: decryption.dCommitments.map(w32),
    shareProofs: decryption.shareProofs.map((p) => hex(p.proof)),
    decodeProof: hex(decryption.decodeProof.proof),
  };
  const words = decode.publicInputs.plaintextPacked.map(w32);
  const call = (ct: bigint, ws: Hex[], b: typeof bundle, e3 = E3) =>
    host.callBool(
      adapter,
      Buffer.from(
        encodeFunctionData({ abi: decryptionProofAdapterAbi, functionName: 'verifyDecryption', args: [e3, w32(ct), encodePlaintextWords(ws), encodeDecryptionBundle(b)] }).slice(2),
        'hex',
      ),
    );
  const ok = await call(ctx.ctCommitment, words, bundle);
  assert.equal(ok.ok, true, ok.reason);
  console.log(`DecryptionProofAdapter.verifyDecryption (T = ${T}: ${T + 2} UltraHonk verifications): ${ok.gasUsed} gas`);
  const otherWords = [...words];
  otherWords[0] = w32(BigInt(words[0]!) + 1n);
  for (const [what, r] of [
    ['a plaintext word', await call(ctx.ctCommitment, otherWords, bundle)],
    ['another ciphertext', await call(ctx.ctCommitment + 1n, words, bundle)],
    ['another E3', await call(ctx.ctCommitment, words, bundle, E3 + 1n)],
    ['another decrypting set', await call(ctx.ctCommitment, words, { ...bundle, ids: [1n, 2n] })],
    ['a key-share table nobody attested', await call(ctx.ctCommitment, words, { ...bundle, skCommitments: [bundle.skCommitments[1]!, ...bundle.skCommitments.slice(1)] })],
    ['too few attestations', await call(ctx.ctCommitment, words, { ...bundle, keySignatures: bundle.keySignatures.slice(0, T) })],
  ] as const) {
    assert.equal(r.ok, false, what);
  }
});
