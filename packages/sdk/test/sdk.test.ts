/**
 * The SDK's actions against a real anvil with the real user-encryption verifier (INSECURE_N512):
 * request → watch → key (checked; a wrong one refused) → encrypt, prove, submit (calldata and
 * EIP-4844 blobs) → copies rejected on chain → result checked against the chain.
 */
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { decrypt, decodeCoeffs } from '@interfold/bfv';
import { devAccount, walletFor, Stage } from '@interfold/contracts';
import { centredCiphertext, userEncryptionLayout } from '@interfold/circuits/user-encryption';
import { bytesToHex, encodeAbiParameters, keccak256, toHex, type Hex } from 'viem';
import {
  anvilBlobFetcher,
  CALLDATA_INPUT_DATA,
  ConfigurationError,
  createE3Client,
  E3NotFoundError,
  InputRejectedError,
  PublicKeyError,
  readBlobInput,
  StageError,
  type E3Client,
  type E3View,
} from '../src/index.js';
import { nodeProver } from '../src/node.js';
import * as C from './chain.js';

const prover = nodeProver();
let f: C.Fixture;
let requester: E3Client;
let alice: E3Client;
let copier: E3Client;
const ids: Record<'main' | 'other' | 'wrongKey' | 'blob', bigint> = { main: 0n, other: 0n, wrongKey: 0n, blob: 0n };
const message = [3n, 1n, 4n, 1n, 5n, 9n, 2n, 6n];
const stagesSeen: number[] = [];
const iterated: number[] = [];
let iterDone: Promise<void>;

before(async () => {
  f = await C.setup();
  const mk = (i: number) => createE3Client({ rpcUrl: f.anvil.rpcUrl, account: devAccount(i), deployment: f.deployment, prover, pollingInterval: 50 });
  requester = mk(2);
  alice = mk(3);
  copier = mk(4);
  const req = (extra: object = {}) => requester.requestE3({ params: 'INSECURE_N512', committeeSize: 3, threshold: 1, windows: { sortition: 30n, dkg: 60n, input: 3600n }, ...extra });
  ids.main = (await req()).e3Id;
  const w = requester.watchE3({ e3Id: ids.main, onStage: (e) => stagesSeen.push(e.stage) });
  // Both watches end by themselves after Complete; the test waits for both (they poll independently).
  iterDone = Promise.all([
    w.done,
    (async () => {
      for await (const e of requester.watchE3({ e3Id: ids.main })) iterated.push(e.stage);
    })(),
  ]).then(() => undefined);
  ids.other = (await req()).e3Id;
  ids.wrongKey = (await req()).e3Id;
  ids.blob = (await req({ verifiers: { input: f.deployment.contracts.userEncryptionBlobAdapter! }, windows: { sortition: 30n, dkg: 60n, input: 7200n } })).e3Id;
  for (const id of Object.values(ids)) await C.submitTickets(f, id);
  for (const id of Object.values(ids)) await C.finalizeCommittee(f, id);
  await C.publishKey(f, ids.main);
  await C.publishKey(f, ids.other);
  await C.publishKey(f, ids.blob);
  await C.publishKey(f, ids.wrongKey, keccak256(toHex('not the commitment of that key')));
  // Open every input window (the E3s were requested a few seconds apart).
  let start = 0n;
  for (const id of Object.values(ids)) {
    const s = (await requester.getE3({ e3Id: id })).schedule.inputStart;
    if (s > start) start = s;
  }
  await f.warpTo(start);
});

after(async () => {
  await prover.close?.();
  await f?.close();
});

describe('SDK actions on anvil (INSECURE_N512, real input verifier)', () => {
  it('requestE3 and getE3: the request is on chain with the real input verifier by default', async () => {
    const e = await requester.getE3({ e3Id: ids.main });
    assert.equal(e.stage, Stage.KeyPublished);
    assert.equal(e.committeeSize, 3);
    assert.equal(e.inputVerifier, f.deployment.contracts.userEncryptionAdapter);
    assert.equal((await requester.getE3({ e3Id: ids.blob })).inputVerifier, f.deployment.contracts.userEncryptionBlobAdapter);
    await assert.rejects(requester.getE3({ e3Id: 999n }), E3NotFoundError);
  });

  it('getPublicKey checks the key against the chain, and refuses a key that does not match its commitment', async () => {
    const k = await alice.getPublicKey({ e3Id: ids.main });
    assert.equal(k.params.name, 'INSECURE_N512');
    assert.equal(k.proofChecked, true);
    assert.deepEqual(k.publicKey.p0.limbs.map((l) => Array.from(l)), f.pk.p0.limbs.map((l) => Array.from(l)));
    await assert.rejects(alice.getPublicKey({ e3Id: ids.wrongKey }), (e: unknown) => e instanceof PublicKeyError && /commitment/.test(e.shortMessage));
  });

  it('encrypt + prove + submit (calldata); a copied input from another address or into another E3 is rejected on chain', async () => {
    const { publicKey } = await alice.getPublicKey({ e3Id: ids.main });
    const encrypted = alice.encryptInput({ publicKey, message });
    const input = await alice.proveInput({ e3Id: ids.main, encrypted });
    assert.equal(input.mode, 'calldata');
    const r = await alice.submitInput({ input });
    assert.equal(r.index, 0n);
    console.log(`calldata input at ${publicKey.params.name}: ${r.gasUsed} gas`);
    // The SDK refuses to send an input proved for someone else…
    await assert.rejects(copier.submitInput({ input }), ConfigurationError);
    // …and the chain rejects the copies: alice's bytes from the copier, the copier naming itself, alice's bytes in another E3.
    const asCopier = { ...input, submitter: copier.account!.address };
    await assert.rejects(copier.submitInput({ input: asCopier }), (e: unknown) => e instanceof InputRejectedError && /InputRejected/.test(e.details ?? ''));
    const relabelled = encodeAbiParameters(CALLDATA_INPUT_DATA, [bytesToHex(input.ciphertext), bytesToHex(input.proof.proof), input.publicInputs.alpha, input.publicInputs.gamma, copier.account!.address]);
    await assert.rejects(copier.submitInput({ input: { ...asCopier, data: relabelled } }), (e: unknown) => e instanceof InputRejectedError && /InputRejected/.test(e.details ?? ''));
    await assert.rejects(alice.submitInput({ input: { ...input, e3Id: ids.other } }), (e: unknown) => e instanceof InputRejectedError && /InputRejected/.test(e.details ?? ''));
    assert.equal((await alice.getE3({ e3Id: ids.main })).inputCount, 1n);
    assert.equal((await alice.getE3({ e3Id: ids.other })).inputCount, 0n);
    // The output over the one accepted input; the committee (stand-in) posts the plaintext.
    const words = await C.finish(f, ids.main, walletFor(f.anvil.rpcUrl, f.anvil.chainId, devAccount(2)), encrypted.ciphertext, bytesToHex(input.ciphertext) as Hex);
    const result = await alice.waitForResult({ e3Id: ids.main, timeoutMs: 30_000 });
    assert.deepEqual(result.words, words);
    assert.deepEqual(result.words, message);
  });

  it('watchE3 reported every stage change in order, as callbacks and as an async iterator', async () => {
    await iterDone;
    for (const seen of [stagesSeen, iterated]) {
      assert.equal(seen[0], Stage.Requested);
      assert.equal(seen[seen.length - 1], Stage.Complete);
      for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! > seen[i - 1]!, `stages ${seen.join(',')}`);
    }
  });

  it('getResult refuses an E3 that is not complete', async () => {
    await assert.rejects(alice.getResult({ e3Id: ids.other }), StageError);
  });

  it('the blob path: the ciphertext in an EIP-4844 blob, the proof bound to its versioned hash; nodes recheck it; a copy is rejected', async () => {
    const { publicKey } = await alice.getPublicKey({ e3Id: ids.blob });
    const encrypted = alice.encryptInput({ publicKey, message });
    const input = await alice.proveInput({ e3Id: ids.blob, encrypted });
    assert.equal(input.mode, 'blob');
    assert.equal(input.blobs?.length, 1);
    const r = await alice.submitInput({ input });
    console.log(`blob input at ${publicKey.params.name}: ${r.gasUsed} gas, ${r.blobGasUsed} blob gas`);
    // What every node does with an accepted blob input: fetch, check against the hashes, decode, recheck.
    const logs = await alice.publicClient.getContractEvents({ address: f.deployment.contracts.orchestrator, abi: (await import('@interfold/contracts')).e3OrchestratorAbi, eventName: 'InputPublished', args: { e3Id: ids.blob } });
    const data = logs[0]!.args.data!;
    const fetcher = anvilBlobFetcher((a) => alice.publicClient.request(a as never));
    const read = await readBlobInput(data, userEncryptionLayout(f.pk.params), fetcher);
    assert.deepEqual(read.ciphertext, centredCiphertext(encrypted.ciphertext));
    assert.deepEqual(decodeCoeffs(decrypt(f.pk.params, f.sk, encrypted.ciphertext)).slice(0, message.length).map(BigInt), message);
    // A blob whose content is not what the proof was checked for is refused by the node check.
    const other = alice.encryptInput({ publicKey, message: [7n] });
    const otherBytes = (await alice.proveInput({ e3Id: ids.blob, encrypted: other, mode: 'calldata' })).ciphertext;
    const swapped = anvilBlobFetcher(async () => bytesToHex((await import('@interfold/circuits/user-encryption')).toBlobData(otherBytes)[0]!));
    await assert.rejects(readBlobInput(data, userEncryptionLayout(f.pk.params), swapped), /versioned hash/);
    // The copier sends the same blobs and data: rejected (the chain binds the orchestrator's msg.sender).
    await assert.rejects(copier.submitInput({ input: { ...input, submitter: copier.account!.address } }), InputRejectedError);
    assert.equal((await alice.getE3({ e3Id: ids.blob })).inputCount, 1n);
  });

  it('configuration errors are clear: wrong RPC, no account, no prover, mismatched chain', async () => {
    const bad = createE3Client({ rpcUrl: 'http://127.0.0.1:1', account: devAccount(2), deployment: f.deployment });
    await assert.rejects(bad.requestE3({ params: 'INSECURE_N512', committeeSize: 3, threshold: 1 }), (e: unknown) => e instanceof ConfigurationError && /RPC/.test(e.shortMessage));
    const readOnly = createE3Client({ rpcUrl: f.anvil.rpcUrl, deployment: f.deployment });
    await assert.rejects(readOnly.requestE3({ params: 'INSECURE_N512', committeeSize: 3, threshold: 1 }), ConfigurationError);
    const { publicKey } = await readOnly.getPublicKey({ e3Id: ids.other });
    await assert.rejects(readOnly.proveInput({ e3Id: ids.other, encrypted: readOnly.encryptInput({ publicKey, message }) }), ConfigurationError);
    assert.throws(() => readOnly.encryptInput({ publicKey, message: [publicKey.params.t] }), /out of range/);
    assert.throws(() => createE3Client({ rpcUrl: 'ws://x', deployment: f.deployment }), ConfigurationError);
    const other = { ...f.deployment, chainId: 1 };
    await assert.rejects(createE3Client({ rpcUrl: f.anvil.rpcUrl, account: devAccount(2), deployment: other }).requestE3({ params: 'INSECURE_N512', committeeSize: 3, threshold: 1 }), ConfigurationError);
    void (null as unknown as E3View);
  });
});
