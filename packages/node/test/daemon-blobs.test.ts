/**
 * Blob inputs at the daemon's edge (src/daemon/blob-inputs.ts): the blobs of an input of a blob-
 * adapter E3 are fetched, checked against the versioned hashes the chain saw and the proved
 * evaluation, and the canonical ciphertext is attached to the event; the input log then computes
 * over it. Real KZG (Ethereum trusted setup), real INSECURE_N512 ciphertexts; the chain read
 * (getE3) is answered by a one-method stand-in for the RPC client.
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { bfvParameters, decodeCoeffs, decrypt, encodeCoeffs, encrypt, genPublicKey, genSecretKey, INSECURE_N512 } from '@interfold/bfv';
import { BLOB_INPUT_DATA, blobSidecars, nextInputRoot, paramSetId, ZERO_ROOT } from '@interfold/contracts';
import { centredCiphertext, ciphertextEvaluation } from '@interfold/circuits';
import { SeededSource } from '@interfold/ring';
import { encodeAbiParameters, getAddress, hexToBytes, keccak256, type Address, type Hex, type PublicClient } from 'viem';
import { ciphertextToBytes, InputLog, layoutOf, sumProgram } from '../src/core/index.js';
import { BlobInputReader } from '../src/daemon/blob-inputs.js';
import { silentLogger } from '../src/log/index.js';
import type { ChainEvent } from '../src/types.js';

type InputEvent = Extract<ChainEvent, { name: 'InputPublished' }>;

const params = bfvParameters(INSECURE_N512);
const src = new SeededSource('blob-inputs', 'test');
const sk = genSecretKey(params, src);
const pk = genPublicKey(params, sk, { src });
const ADAPTER = getAddress('0x00000000000000000000000000000000000000b1');
const OTHER = getAddress('0x00000000000000000000000000000000000000c1');
const submitter = getAddress('0x0000000000000000000000000000000000000005');

/** getE3 as the orchestrator answers it (only the two fields the reader uses matter). */
function chainWith(inputVerifier: Address): PublicClient {
  const client = { readContract: async () => ({ inputVerifier, paramSet: paramSetId(INSECURE_N512.name) }) };
  return client as unknown as PublicClient;
}

/** A blob input of value v: its data (as the adapter takes it) and its blobs by versioned hash. */
function blobInput(v: number, index: bigint, root: Hex): { ev: InputEvent; blobs: Map<string, Uint8Array> } {
  const ct = encrypt(params, pk, encodeCoeffs(params, [v]), src);
  const bytes = ciphertextToBytes(ct);
  const sidecars = blobSidecars(bytes);
  const alpha = 12345n + index;
  const gamma = 67890n + index;
  const ctEval = ciphertextEvaluation(centredCiphertext(ct), alpha, gamma, layoutOf(params));
  const data = encodeAbiParameters(BLOB_INPUT_DATA, [sidecars.map((s) => s.versionedHash), ctEval, '0x00', alpha, gamma, submitter]);
  const ev: InputEvent = {
    name: 'InputPublished', e3Id: 7n, index, sender: submitter, data, inputHash: keccak256(data), inputRoot: nextInputRoot(root, index, data),
    blockNumber: 1n, logIndex: Number(index), blockTimestamp: 0n,
  };
  return { ev, blobs: new Map(sidecars.map((s) => [s.versionedHash.toLowerCase(), hexToBytes(s.blob)])) };
}

const reader = (client: PublicClient, blobs: Map<string, Uint8Array>, adapter: Address | 'none' = ADAPTER) =>
  new BlobInputReader({
    client, orchestrator: OTHER, blobAdapter: adapter === 'none' ? undefined : adapter, log: silentLogger, attempts: 1,
    fetchBlob: async (h) => {
      const b = blobs.get(h.toLowerCase());
      if (!b) throw new Error('no such blob');
      return b;
    },
  });

describe('blob inputs in the daemon', () => {
  it('a checked blob input carries its ciphertext; the input log computes over it (3 + 4 = 7)', async () => {
    const a = blobInput(3, 0n, ZERO_ROOT);
    const b = blobInput(4, 1n, a.ev.inputRoot);
    const blobs = new Map([...a.blobs, ...b.blobs]);
    const r = reader(chainWith(ADAPTER), blobs);
    const log = new InputLog();
    for (const { ev } of [a, b]) {
      const e = await r.enrich(ev);
      assert.ok(e.ciphertext, 'ciphertext attached');
      log.add(e);
    }
    assert.equal(log.inconsistency, undefined);
    const out = log.compute(sumProgram(1n), params, { e3Id: 7n, committee: [] });
    assert.equal(decodeCoeffs(decrypt(params, sk, out))[0], 7);
  });

  it('an input of a calldata E3, or with no blob adapter deployed, is left as the chain gave it', async () => {
    const a = blobInput(3, 0n, ZERO_ROOT);
    assert.equal((await reader(chainWith(OTHER), a.blobs).enrich(a.ev)).ciphertext, undefined);
    assert.equal((await reader(chainWith(ADAPTER), a.blobs, 'none').enrich(a.ev)).ciphertext, undefined);
  });

  it('blobs that cannot be had (missing, or a source serving other bytes) leave the input unchecked: the log refuses to compute', async () => {
    const a = blobInput(3, 0n, ZERO_ROOT);
    const other = blobInput(9, 0n, ZERO_ROOT);
    const missing = await reader(chainWith(ADAPTER), new Map()).enrich(a.ev);
    assert.equal(missing.ciphertext, undefined);
    assert.equal(missing.invalidInput, undefined);
    // The bytes of another input under this input's hash: the KZG commitment does not match.
    const swapped = new Map([...a.blobs.keys()].map((k, i) => [k, [...other.blobs.values()][i]!]));
    const e = await reader(chainWith(ADAPTER), swapped).enrich(a.ev);
    assert.equal(e.ciphertext, undefined);
    assert.equal(e.invalidInput, undefined);
    const log = new InputLog();
    log.add(e);
    assert.throws(() => log.compute(sumProgram(1n), params, { e3Id: 7n, committee: [] }));
  });

  it('an invalid blob input (blobs available, evaluation not the proved one) is dropped from the program inputs', async () => {
    const a = blobInput(3, 0n, ZERO_ROOT);
    // Right blobs, but the data claims another evaluation than the ciphertext has.
    const wrongEval = encodeAbiParameters(BLOB_INPUT_DATA, [[...a.blobs.keys()] as Hex[], 1n, '0x00', 12345n, 67890n, submitter]);
    const bad = { ...a.ev, data: wrongEval, inputHash: keccak256(wrongEval), inputRoot: nextInputRoot(ZERO_ROOT, 0n, wrongEval) };
    const e = await reader(chainWith(ADAPTER), a.blobs).enrich(bad);
    assert.equal(e.ciphertext, undefined);
    assert.match(e.invalidInput ?? '', /ctEval/);
    const b = blobInput(4, 1n, bad.inputRoot);
    const log = new InputLog();
    log.add(e);
    log.add(await reader(chainWith(ADAPTER), b.blobs).enrich(b.ev));
    assert.equal(log.inconsistency, undefined);
    assert.equal(log.count, 2);
    assert.deepEqual(log.programInputs(params).map((i) => i.index), [1n]);
    assert.equal(decodeCoeffs(decrypt(params, sk, log.compute(sumProgram(1n), params, { e3Id: 7n, committee: [] })))[0], 4);
  });
});
