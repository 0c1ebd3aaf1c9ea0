/**
 * The user-encryption proof on the INSECURE_N512 set, end to end with @interfold/bfv:
 * a valid proof verifies in the deployed verifier (in-process EVM, and on anvil via eth_call);
 * a changed ciphertext coefficient, an out-of-range message, a wrong pk commitment, a proof for
 * another ciphertext, a truncated or tampered proof are all rejected.
 */
import { test, before, after } from 'node:test';
import { strict as assert } from 'node:assert';
import {
  bfvParameters,
  INSECURE_N512,
  genSecretKey,
  genPublicKey,
  decrypt,
  decodeCoeffs,
  encryptWithWitness,
  encodeCoeffs,
  encryptionWitnessBounds,
  type PublicKey,
  type SecretKey,
} from '@interfold/bfv';
import { UserEncryption, centredCiphertext, centredPublicKey, userEncryptionFor, closeUserEncryption, verifyInput, type EncryptedInput } from '../src/userEncryption/bfv.js';
import { buildInputs } from '../src/userEncryption/witness.js';
import { randomCbd21, randomTernary, syntheticEncrypt } from '../src/userEncryption/synthetic.js';
import { encodeCiphertext, decodeCiphertext } from '../src/userEncryption/ciphertext.js';
import { CircuitInputError, WitnessError } from '../src/errors.js';
import { linkBytecode } from '../src/verifier/solidity.js';
import { encodeVerifyCall } from '../src/verifier/evm.js';
import { encodeAddressArg, encodeVerifyInputCall } from '../src/verifier/inputAdapter.js';
import { Anvil } from './anvil.js';
import { inputContext, blobDigest } from '../src/userEncryption/context.js';
import { toBlobData, fromBlobData, blobCount, BLOB_DATA_BYTES } from '../src/userEncryption/blobs.js';
import { encodeVerifyBlobInputCall } from '../src/verifier/inputAdapter.js';

const params = bfvParameters(INSECURE_N512);
const ORCHESTRATOR = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const CTX = inputContext({ chainId: 31337, orchestrator: ORCHESTRATOR, e3Id: 7n, submitter: ALICE });
let ue: UserEncryption;
let sk: SecretKey;
let pk: PublicKey;
let input: EncryptedInput;
const message = Array.from({ length: params.N }, (_, j) => BigInt((j * 37 + 5) % Number(params.t)));

before(async () => {
  ue = await userEncryptionFor(params);
  sk = genSecretKey(params);
  pk = genPublicKey(params, sk);
  input = await ue.encryptAndProve(pk, message, { context: CTX });
});

after(async () => {
  await closeUserEncryption();
});

test('the layout bounds contain the bfv analytic bounds', () => {
  const b = encryptionWitnessBounds(params);
  const l = ue.circuit.layout;
  for (let i = 0; i < params.L; i++) {
    assert.ok(-l.r1.bound <= b.r1[i]!.min && b.r1[i]!.max <= l.r1.bound);
    assert.ok(-l.p1.bound <= b.p1[i]!.min && b.p1[i]!.max <= l.p1.bound);
  }
  assert.equal(l.e.bound, b.e0.max);
  assert.equal(l.t - 1n, b.k1.max);
});

test('a valid proof verifies through the deployed verifier, and the ciphertext decrypts', async () => {
  assert.equal(decodeCoeffs(decrypt(params, sk, input.ciphertext)).map(BigInt).join(','), message.join(','));
  assert.equal(input.pkCommitment, ue.pkCommitment(pk));
  const r = await ue.verifyInput(input.pkCommitment, input.ciphertext, input.proof, CTX);
  assert.equal(r.ok, true, r.reason);
  assert.ok(r.gasUsed > 1_000_000n && r.gasUsed < 10_000_000n, `gas ${r.gasUsed}`);
});

test('the same input verifies on anvil: eth_call to the deployed input verifier and UltraHonk verifier', async () => {
  const anvil = await Anvil.start();
  try {
    const v = ue.circuit.circuit.solidity;
    const addrs: Record<string, string> = {};
    for (const lib of v.libraries) addrs[lib.name] = await anvil.deploy(lib.bytecode);
    const verifier = await anvil.deploy(linkBytecode(v, addrs));
    const adapter = await anvil.deploy(ue.circuit.inputVerifierBytecode + encodeAddressArg(verifier));
    const ethCall = async (to: string, data: Uint8Array) =>
      anvil.rpc('eth_call', [{ to: '0x' + to, data: '0x' + Buffer.from(data).toString('hex'), gas: '0x1c9c380' }, 'latest']) as Promise<string>;
    const p = input.proof;
    const alpha = BigInt('0x' + Buffer.from(p.publicInputs[2]!).toString('hex'));
    const gamma = BigInt('0x' + Buffer.from(p.publicInputs[3]!).toString('hex'));
    const ct = encodeCiphertext(centredCiphertext(input.ciphertext), ue.circuit.layout);
    const verifyInputCall = (c: Uint8Array, proof: Uint8Array) => ethCall(adapter, encodeVerifyInputCall(input.pkCommitment, c, proof, alpha, gamma, CTX));
    assert.equal(BigInt(await ethCall(verifier, encodeVerifyCall(p.proof, p.publicInputs))), 1n);
    assert.equal(BigInt(await verifyInputCall(ct, p.proof)), 1n);
    const badCt = Uint8Array.from(ct);
    badCt[8 * 5 + 7]! ^= 1; // one coefficient of ct0 limb 0
    assert.equal(BigInt(await verifyInputCall(badCt, p.proof)), 0n);
    const badProof = Uint8Array.from(p.proof);
    badProof[100]! ^= 1;
    assert.equal(BigInt(await verifyInputCall(ct, badProof)), 0n);
    await assert.rejects(ethCall(verifier, encodeVerifyCall(badProof, p.publicInputs)));
  } finally {
    await anvil.close();
  }
});

test('a ciphertext changed in one coefficient is rejected', async () => {
  const ct = centredCiphertext(input.ciphertext);
  for (const [b, i, j] of [[0, 0, 0], [1, 1, 511], [0, 1, 200]] as const) {
    const polys = [ct.ct0.map((l) => [...l]), ct.ct1.map((l) => [...l])];
    const limb = polys[b]![i]!;
    const q = params.moduli[i]!;
    limb[j] = limb[j]! === (q - 1n) / 2n ? limb[j]! - 1n : limb[j]! + 1n;
    const r = await ue.verifyInput(input.pkCommitment, { ct0: polys[0]!, ct1: polys[1]! }, input.proof, CTX);
    assert.equal(r.ok, false);
  }
});

test('a wrong pk commitment is rejected', async () => {
  const other = genPublicKey(params, genSecretKey(params));
  const r = await ue.verifyInput(ue.pkCommitment(other), input.ciphertext, input.proof, CTX);
  assert.equal(r.ok, false);
  const r2 = await ue.verifyInput(input.pkCommitment + 1n, input.ciphertext, input.proof, CTX);
  assert.equal(r2.ok, false);
});

test('a proof for another ciphertext is rejected', async () => {
  const other = await ue.encryptAndProve(pk, message, { context: CTX });
  assert.equal((await ue.verifyInput(other.pkCommitment, other.ciphertext, other.proof, CTX)).ok, true);
  assert.equal((await ue.verifyInput(input.pkCommitment, other.ciphertext, input.proof, CTX)).ok, false);
  assert.equal((await ue.verifyInput(input.pkCommitment, input.ciphertext, other.proof, CTX)).ok, false);
});

test('a truncated or tampered proof is rejected', async () => {
  const p = input.proof;
  for (const cut of [32, 1, p.proof.length - 32]) {
    const r = await ue.verifyInput(input.pkCommitment, input.ciphertext, { ...p, proof: p.proof.slice(0, p.proof.length - cut) }, CTX);
    assert.equal(r.ok, false);
  }
  assert.equal((await ue.verifyInput(input.pkCommitment, input.ciphertext, { ...p, proof: new Uint8Array(0) }, CTX)).ok, false);
  const t = Uint8Array.from(p.proof);
  t[t.length - 1]! ^= 1;
  assert.equal((await ue.verifyInput(input.pkCommitment, input.ciphertext, { ...p, proof: t }, CTX)).ok, false);
  const pis = p.publicInputs.map((x) => Uint8Array.from(x));
  pis[3]![31]! ^= 1; // another gamma
  assert.equal((await ue.verifyInput(input.pkCommitment, input.ciphertext, { ...p, publicInputs: pis }, CTX)).ok, false);
});

test('a message out of range is rejected: by the API, and by the circuit itself', async () => {
  const bad = [...message];
  bad[7] = params.t;
  await assert.rejects(ue.encryptAndProve(pk, bad, { context: CTX }), CircuitInputError);
  // Bypass the API: a witness whose k1 has a coefficient >= t must fail the circuit's range check.
  const { witness } = encryptWithWitness(params, pk, encodeCoeffs(params, message));
  const k1 = [...witness.k1];
  k1[7] = params.t;
  const w = { ...witness, k1 };
  assert.throws(() => buildInputs(w, ue.circuit.layout, { context: CTX }), CircuitInputError);
  await assert.rejects(ue.circuit.proveUnchecked(w, { context: CTX }), (e: unknown) => {
    assert.ok(e instanceof WitnessError);
    return true;
  });
  // And an honest-looking witness whose ciphertext does not match the equations fails too.
  const ct0 = witness.ct0.map((l) => [...l]);
  ct0[0]![3]! += 1n;
  await assert.rejects(ue.circuit.proveUnchecked({ ...witness, ct0 }, { context: CTX }), (e: unknown) => {
    assert.ok(e instanceof WitnessError);
    assert.match(String((e as WitnessError).assertion ?? e), /identity|gamma|alpha|commitment/);
    return true;
  });
});

test('u and e just out of range are rejected by the circuit (u != 3 on a 2-bit slot; 42 - e_s on 6 bits)', async () => {
  const l = ue.circuit.layout;
  const { witness } = encryptWithWitness(params, pk, encodeCoeffs(params, message));
  const key = centredPublicKey(pk);
  const u = randomTernary(params.N);
  const e0 = randomCbd21(params.N);
  const e1 = randomCbd21(params.N);
  // An honest synthetic witness is solved; the same with one u coefficient = 2 (u_s = 3, the only
  // 2-bit slot value the `!=` excludes) satisfies every equation but not the range.
  const ok = syntheticEncrypt(l, key, witness.k1, { u, e0, e1 });
  assert.doesNotThrow(() => buildInputs(ok, l, { context: CTX }));
  await ue.circuit.circuit.witness(buildInputs(ok, l, { context: CTX }).inputs);
  const badU = u.slice();
  badU[5] = 2n;
  const wU = syntheticEncrypt(l, key, witness.k1, { u: badU, e0, e1 });
  assert.throws(() => buildInputs(wU, l, { context: CTX }), CircuitInputError);
  await assert.rejects(ue.circuit.circuit.witness(buildInputs(wU, l, { context: CTX }, false).inputs), (e: unknown) => {
    assert.ok(e instanceof WitnessError);
    assert.match(String(e.assertion), /u is not ternary/);
    return true;
  });
  // e0 = 22 = B + 1 (e0_s = 43, inside its 6-bit slot): the exact upper check fails.
  const badE = e0.slice();
  badE[9] = l.e.bound + 1n;
  const wE = syntheticEncrypt(l, key, witness.k1, { u, e0: badE, e1 });
  await assert.rejects(ue.circuit.circuit.witness(buildInputs(wE, l, { context: CTX }, false).inputs), WitnessError);
});

test('ciphertext encoding round-trips and rejects bad lengths and residues', () => {
  const l = ue.circuit.layout;
  const ct = centredCiphertext(input.ciphertext);
  const bytes = encodeCiphertext(ct, l);
  assert.equal(bytes.length, 2 * l.L * l.N * 8);
  assert.deepEqual(decodeCiphertext(bytes, l), ct);
  assert.throws(() => decodeCiphertext(bytes.slice(1), l), CircuitInputError);
  const bad = Uint8Array.from(bytes);
  bad.fill(0xff, 0, 8);
  assert.throws(() => decodeCiphertext(bad, l), CircuitInputError);
});

test('the TypeScript twin of the input verifier computes the same public inputs the proof carries', async () => {
  const ct = centredCiphertext(input.ciphertext);
  const p = input.proof;
  const alpha = BigInt('0x' + Buffer.from(p.publicInputs[2]!).toString('hex'));
  const gamma = BigInt('0x' + Buffer.from(p.publicInputs[3]!).toString('hex'));
  const pis = ue.circuit.publicInputsFor(input.pkCommitment, ct, alpha, gamma, CTX);
  assert.deepEqual(pis.map((x) => Buffer.from(x).toString('hex')), p.publicInputs.map((x) => Buffer.from(x).toString('hex')));
  // The bare UltraHonk verifier accepts them too (the input verifier adds only the binding).
  assert.equal((await ue.circuit.circuit.verify({ proof: p.proof, publicInputs: pis })).ok, true);
});

test('the free functions share the per-set cache (the instance these tests use)', async () => {
  assert.equal(await userEncryptionFor(params), ue);
  assert.ok(ue instanceof UserEncryption);
  assert.equal(await verifyInput(input.pkCommitment, input.ciphertext, input.proof, CTX), true);
  const other = genPublicKey(params, genSecretKey(params));
  assert.equal(await verifyInput(ue.pkCommitment(other), input.ciphertext, input.proof, CTX), false);
});

test('the proof is bound to its context: another submitter, E3, orchestrator or chain is rejected', async () => {
  assert.equal((await ue.verifyInput(input.pkCommitment, input.ciphertext, input.proof, CTX)).ok, true);
  const others = [
    { chainId: 31337, orchestrator: ORCHESTRATOR, e3Id: 7n, submitter: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' }, // copier
    { chainId: 31337, orchestrator: ORCHESTRATOR, e3Id: 8n, submitter: ALICE }, // another E3
    { chainId: 31337, orchestrator: ALICE, e3Id: 7n, submitter: ALICE },
    { chainId: 1, orchestrator: ORCHESTRATOR, e3Id: 7n, submitter: ALICE },
  ];
  for (const c of others) {
    const ctx = inputContext(c);
    assert.notEqual(ctx, CTX);
    assert.equal((await ue.verifyInput(input.pkCommitment, input.ciphertext, input.proof, ctx)).ok, false);
  }
  // A context that is not a field element is refused before proving.
  const { witness } = encryptWithWitness(params, pk, encodeCoeffs(params, message));
  assert.throws(() => buildInputs(witness, ue.circuit.layout, { context: 1n << 254n }), CircuitInputError);
});

test('the input verifier computes the same context as the TypeScript twin (eth_call on anvil)', async () => {
  const anvil = await Anvil.start();
  try {
    const v = ue.circuit.circuit.solidity;
    const addrs: Record<string, string> = {};
    for (const lib of v.libraries) addrs[lib.name] = await anvil.deploy(lib.bytecode);
    const verifier = await anvil.deploy(linkBytecode(v, addrs));
    const adapter = await anvil.deploy(ue.circuit.inputVerifierBytecode + encodeAddressArg(verifier));
    const { keccak_256 } = await import('@noble/hashes/sha3.js');
    const sel = Buffer.from(keccak_256(new TextEncoder().encode('inputContext(uint256,address,uint256,address)')).slice(0, 4)).toString('hex');
    const w = (x: bigint) => x.toString(16).padStart(64, '0');
    const data = '0x' + sel + w(31337n) + w(BigInt(ORCHESTRATOR)) + w(7n) + w(BigInt(ALICE));
    const r = (await anvil.rpc('eth_call', [{ to: '0x' + adapter, data }, 'latest'])) as string;
    assert.equal(BigInt(r), CTX);
  } finally {
    await anvil.close();
  }
});

test('blob codec: round trip, one encoding per ciphertext, strict decoding', () => {
  const l = ue.circuit.layout;
  const bytes = encodeCiphertext(centredCiphertext(input.ciphertext), l);
  const blobs = toBlobData(bytes);
  assert.equal(blobs.length, blobCount(bytes.length));
  assert.equal(blobCount(2 * 4 * 8192 * 8), 5); // PRODUCTION_N8192: 512 KiB in 5 blobs
  assert.equal(blobCount(BLOB_DATA_BYTES), 1);
  assert.equal(blobCount(BLOB_DATA_BYTES + 1), 2);
  assert.deepEqual(fromBlobData(blobs, bytes.length), bytes);
  const lead = blobs.map((b) => Uint8Array.from(b));
  lead[0]![32 * 5] = 1; // a leading byte
  assert.throws(() => fromBlobData(lead, bytes.length), CircuitInputError);
  const pad = blobs.map((b) => Uint8Array.from(b));
  pad[pad.length - 1]![pad[0]!.length - 1] = 1; // a padding byte
  assert.throws(() => fromBlobData(pad, bytes.length), CircuitInputError);
  assert.throws(() => fromBlobData([...blobs, blobs[0]!], bytes.length), CircuitInputError);
  assert.throws(() => fromBlobData([blobs[0]!.slice(1)], bytes.length), CircuitInputError);
});

test('the blob path: the proof binds the versioned hashes and the evaluation; a changed blob, hash or evaluation is rejected', async () => {
  const l = ue.circuit.layout;
  const { ciphertext, witness } = encryptWithWitness(params, pk, encodeCoeffs(params, message));
  const ct = centredCiphertext(ciphertext);
  // Versioned-hash stand-ins (0x01 ‖ 31 bytes): the chain compares them with blobhash(i), the
  // SDK with the blobs' KZG commitments; here only the verifier's binding is under test.
  const hashes = [Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : (i * 7) & 0xff))];
  const { proof, publicInputs } = await ue.circuit.proveWitness(witness, { context: CTX, ctDigest: blobDigest(hashes) });
  const ok = await ue.circuit.verifyBlobInput(input.pkCommitment, hashes, ct, publicInputs.ctEval, proof, CTX);
  assert.equal(ok.ok, true, ok.reason);
  assert.ok(ok.gasUsed < 3_000_000n, `gas ${ok.gasUsed}`);
  // The same proof on the calldata path (digest of the bytes) is rejected, and vice versa.
  assert.equal((await ue.verifyInput(input.pkCommitment, ct, proof, CTX)).ok, false);
  assert.equal((await ue.circuit.verifyBlobInput(input.pkCommitment, hashes, centredCiphertext(input.ciphertext), publicInputs.ctEval, input.proof, CTX)).ok, false);
  // Another ciphertext in the blobs: the evaluation no longer matches.
  const other = { ct0: ct.ct0.map((x) => [...x]), ct1: ct.ct1 };
  other.ct0[1]![9] = other.ct0[1]![9]! === 0n ? 1n : 0n;
  assert.equal((await ue.circuit.verifyBlobInput(input.pkCommitment, hashes, other, publicInputs.ctEval, proof, CTX)).ok, false);
  // A lying evaluation (consistent with a tampered ciphertext) fails the proof.
  const { ciphertextEvaluation } = await import('../src/userEncryption/ciphertext.js');
  const lie = ciphertextEvaluation(other, publicInputs.alpha, publicInputs.gamma, l);
  assert.equal((await ue.circuit.verifyBlobInput(input.pkCommitment, hashes, other, lie, proof, CTX)).ok, false);
  // Other hashes, a hash of the wrong version, two hashes, another context.
  const h2 = [Uint8Array.from(hashes[0]!)];
  h2[0]![31]! ^= 1;
  assert.equal((await ue.circuit.verifyBlobInput(input.pkCommitment, h2, ct, publicInputs.ctEval, proof, CTX)).ok, false);
  const h3 = [Uint8Array.from(hashes[0]!)];
  h3[0]![0] = 2;
  assert.equal((await ue.circuit.verifyBlobInput(input.pkCommitment, h3, ct, publicInputs.ctEval, proof, CTX)).ok, false);
  assert.equal((await ue.circuit.verifyBlobInput(input.pkCommitment, [hashes[0]!, hashes[0]!], ct, publicInputs.ctEval, proof, CTX)).ok, false);
  assert.equal((await ue.circuit.verifyBlobInput(input.pkCommitment, hashes, ct, publicInputs.ctEval, proof, CTX + 1n)).ok, false);
  // The raw call encoder is what nodes send over eth_call.
  assert.ok(encodeVerifyBlobInputCall(input.pkCommitment, hashes, publicInputs.ctEval, proof.proof, publicInputs.alpha, publicInputs.gamma, CTX).length > proof.proof.length);
});
