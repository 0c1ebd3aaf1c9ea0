/**
 * beaconBlobFetcher (src/beacon.ts): blobs read back over the Beacon-API getBlobs endpoint of a
 * real anvil after a real EIP-4844 transaction, and every malformed or lying answer of a beacon
 * node refused with a BlobError (never another exception).
 */
import { test, after, before } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { bytesToHex, createPublicClient, createWalletClient, http, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { beaconBlobFetcher, blobSidecars, BlobError, slotOf, startAnvil, BLOB_BYTES, type AnvilInstance, type BlobSidecar } from '../src/index.js';

let anvil: AnvilInstance;
let sidecars: BlobSidecar[];
let blockNumber: bigint;

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

before(async () => {
  anvil = await startAnvil({ accounts: 2 });
  const transport = http(anvil.rpcUrl, { timeout: 120_000 });
  const client = createPublicClient({ chain: foundry, transport });
  const wallet = createWalletClient({ account: privateKeyToAccount(KEY), chain: foundry, transport });
  await client.request({ method: 'anvil_mine', params: ['0x3'] } as never); // block number ≠ 1
  sidecars = blobSidecars(Uint8Array.from({ length: 130_000 }, (_, i) => (i * 7) & 0xff)); // two blobs
  const fees = await client.estimateFeesPerGas();
  const hash = await wallet.sendTransaction({
    to: '0x0000000000000000000000000000000000000001',
    blobs: sidecars.map((b) => b.blob),
    sidecars: sidecars.map((b) => ({ blob: b.blob, commitment: b.commitment, proof: b.proof })),
    blobVersionedHashes: sidecars.map((b) => b.versionedHash),
    maxFeePerBlobGas: (await client.getBlobBaseFee()) * 2n + 1n,
    maxFeePerGas: fees.maxFeePerGas,
    maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    gas: 100_000n,
    type: 'eip4844',
  } as never);
  blockNumber = (await client.waitForTransactionReceipt({ hash })).blockNumber;
});

after(async () => {
  await anvil?.stop();
});

test('blobs of a real EIP-4844 transaction come back from anvil\'s beacon endpoint, each by its versioned hash', async () => {
  assert.equal(sidecars.length, 2);
  const fetchBlob = beaconBlobFetcher({ url: anvil.rpcUrl, blockId: 'executionBlockNumber' });
  for (const s of sidecars) {
    assert.equal(bytesToHex(await fetchBlob(s.versionedHash, { blockNumber })), s.blob);
  }
});

test('a hash not in the block, another block, or no block at all is a BlobError', async () => {
  const fetchBlob = beaconBlobFetcher({ url: anvil.rpcUrl, blockId: 'executionBlockNumber' });
  const other = blobSidecars(new Uint8Array([1, 2, 3]))[0]!.versionedHash;
  await assert.rejects(fetchBlob(other, { blockNumber }), (e: unknown) => e instanceof BlobError && /not available/.test(e.shortMessage));
  await assert.rejects(fetchBlob(sidecars[0]!.versionedHash, { blockNumber: blockNumber - 1n }), BlobError);
  await assert.rejects(fetchBlob(sidecars[0]!.versionedHash), BlobError);
  const down = beaconBlobFetcher({ url: 'http://127.0.0.1:9', blockId: 'executionBlockNumber', timeoutMs: 2_000 });
  await assert.rejects(down(sidecars[0]!.versionedHash, { blockNumber }), (e: unknown) => e instanceof BlobError && /unreachable/.test(e.shortMessage));
});

/** A beacon node that answers from a table: path prefix → [status, body]. */
function fakeBeacon(routes: Record<string, [number, string]>, seen: string[] = []): typeof globalThis.fetch {
  return (async (input: string | URL | Request) => {
    const url = String(input);
    seen.push(url);
    const path = new URL(url).pathname;
    const hit = Object.entries(routes).find(([p]) => path.startsWith(p));
    const [status, body] = hit?.[1] ?? [404, '{"code":404,"message":"not found"}'];
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
}

test('slot mode: the block is named by its slot from the node\'s genesis time and SECONDS_PER_SLOT', async () => {
  const s = sidecars[1]!;
  const seen: string[] = [];
  const fetchBlob = beaconBlobFetcher({
    url: 'http://beacon.test/',
    fetch: fakeBeacon({
      '/eth/v1/beacon/genesis': [200, JSON.stringify({ data: { genesis_time: '1606824023' } })],
      '/eth/v1/config/spec': [200, JSON.stringify({ data: { SECONDS_PER_SLOT: '12' } })],
      '/eth/v1/beacon/blobs/': [200, JSON.stringify({ data: [sidecars[0]!.blob, s.blob] })],
    }, seen),
  });
  const at = { blockNumber: 1n, timestamp: 1606824023n + 12n * 777n };
  assert.equal(bytesToHex(await fetchBlob(s.versionedHash, at)), s.blob);
  assert.ok(seen.some((u) => u === `http://beacon.test/eth/v1/beacon/blobs/777?versioned_hashes=${s.versionedHash}`), seen.join('\n'));
  await fetchBlob(s.versionedHash, at);
  assert.equal(seen.filter((u) => u.includes('/genesis')).length, 1, 'the beacon clock is read once');
  await assert.rejects(fetchBlob(s.versionedHash, { blockNumber: 1n, timestamp: 1606824023n + 5n }), (e: unknown) => e instanceof BlobError && /slot boundary/.test(e.shortMessage));
  await assert.rejects(fetchBlob(s.versionedHash, { blockNumber: 1n }), BlobError);
  assert.equal(slotOf(24n, 0n, 12n), 2n);
  assert.throws(() => slotOf(5n, 10n, 12n), BlobError);
  assert.throws(() => slotOf(12n, 0n, 0n), BlobError);
});

test('a lying or malformed beacon node: every answer is a BlobError (property)', async () => {
  const s = sidecars[0]!;
  const body = fc.oneof(
    fc.constant('not json'),
    fc.constant('{"data": 3}'),
    fc.constant('{"nodata": []}'),
    fc.constant(JSON.stringify({ data: [sidecars[1]!.blob] })), // a valid blob, but not the one asked for
    fc.constant(JSON.stringify({ data: ['0x' + '00'.repeat(BLOB_BYTES - 1)] })),
    fc.constant(JSON.stringify({ data: [s.blob.slice(0, -2) + 'zz'] })),
    fc.json().map((j) => `{"data": ${j}}`),
    fc.string(),
  );
  await fc.assert(
    fc.asyncProperty(body, fc.constantFrom(200, 400, 404, 500, 503), async (b, status) => {
      const fetchBlob = beaconBlobFetcher({ url: 'http://beacon.test', blockId: 'executionBlockNumber', fetch: fakeBeacon({ '/eth/v1/beacon/blobs/': [status, b] }) });
      try {
        await fetchBlob(s.versionedHash as Hex, { blockNumber: 5n });
      } catch (e) {
        assert.ok(e instanceof BlobError, `not a BlobError: ${String(e)}`);
        return;
      }
      assert.fail('a bad answer was accepted');
    }),
    { numRuns: 60 },
  );
});
