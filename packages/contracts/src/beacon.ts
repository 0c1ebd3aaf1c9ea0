/**
 * Blob inputs from a consensus (beacon) node: `GET /eth/v1/beacon/blobs/{block_id}
 * ?versioned_hashes=…` (Ethereum Beacon-APIs, getBlobs; the blob-sidecars endpoint it replaces
 * is deprecated since Fulu). An execution client does not serve blobs (EIP-4844 keeps them on
 * the consensus layer, ~18 days), so a node on a real network reads them here; anvil serves the
 * same endpoint on its RPC port, with the execution block number as block id.
 *
 * Everything the beacon node returns is untrusted: the response shape, hex and lengths are
 * checked, and the blob returned is the one whose KZG commitment hashes to the requested
 * versioned hash (readBlobInput checks it again). Failures are BlobError with the reason.
 */
import { hexToBytes, type Hex } from 'viem';
import { kzgContext, versionedHash, type BlobFetcher, type BlobLocation } from './blobs.js';
import { BlobError } from './errors.js';

/** EIP-4844: 4096 field elements of 32 bytes. */
export const BLOB_BYTES = 131_072;

export type BeaconBlobFetcherOptions = {
  /** The beacon node's REST base URL, e.g. http://127.0.0.1:5052 (anvil: its RPC URL). */
  url: string;
  /**
   * How an input's block is named to the beacon node. `slot` (real networks): the slot of the
   * execution block, (timestamp − genesis_time) / SECONDS_PER_SLOT, both read once from the node
   * (`/eth/v1/beacon/genesis`, `/eth/v1/config/spec`). `executionBlockNumber`: anvil's beacon
   * endpoint, which takes the execution block number.
   */
  blockId?: 'slot' | 'executionBlockNumber';
  /** Per request (default 20 s). */
  timeoutMs?: number;
  /** Injected in tests; default: the global fetch. */
  fetch?: typeof globalThis.fetch;
};

const HEX_BLOB = new RegExp(`^0x[0-9a-fA-F]{${2 * BLOB_BYTES}}$`);

async function getJson(o: BeaconBlobFetcherOptions, path: string): Promise<unknown> {
  const f = o.fetch ?? globalThis.fetch;
  const url = o.url.replace(/\/+$/, '') + path;
  let res: Response;
  try {
    res = await f(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(o.timeoutMs ?? 20_000) });
  } catch (cause) {
    throw new BlobError('beacon node unreachable', { details: url, cause });
  }
  if (!res.ok) {
    const body = (await res.text().catch(() => '')).slice(0, 200);
    throw new BlobError(`beacon node answered ${res.status}`, { details: `${url}: ${body}` });
  }
  try {
    return await res.json();
  } catch (cause) {
    throw new BlobError('beacon node answered with malformed JSON', { details: url, cause });
  }
}

/** `{ data: … }` of a Beacon-API response, or a BlobError naming what is wrong. */
function dataOf(body: unknown, what: string): unknown {
  if (typeof body !== 'object' || body === null || !('data' in body)) throw new BlobError(`beacon ${what} response has no data`);
  return (body as { data: unknown }).data;
}

function decimal(v: unknown, what: string): bigint {
  if (typeof v !== 'string' || !/^[0-9]{1,20}$/.test(v)) throw new BlobError(`beacon ${what} is not a decimal string`, { details: String(v) });
  return BigInt(v);
}

/** The slot of an execution block from its timestamp (Beacon chain spec: one payload per slot). */
export function slotOf(timestamp: bigint, genesisTime: bigint, secondsPerSlot: bigint): bigint {
  if (secondsPerSlot <= 0n) throw new BlobError('SECONDS_PER_SLOT must be positive', { details: String(secondsPerSlot) });
  const d = timestamp - genesisTime;
  if (d < 0n || d % secondsPerSlot !== 0n) {
    throw new BlobError('block timestamp is not on a slot boundary of this beacon chain', { details: `timestamp ${timestamp}, genesis ${genesisTime}, ${secondsPerSlot} s per slot` });
  }
  return d / secondsPerSlot;
}

/**
 * A BlobFetcher over a beacon node. It needs the input's block (`at`), which readBlobInput
 * passes from the InputPublished event.
 */
export function beaconBlobFetcher(o: BeaconBlobFetcherOptions): BlobFetcher {
  const mode = o.blockId ?? 'slot';
  let clock: Promise<{ genesis: bigint; perSlot: bigint }> | undefined;
  const readClock = async () => {
    const genesis = decimal((dataOf(await getJson(o, '/eth/v1/beacon/genesis'), 'genesis') as { genesis_time?: unknown })?.genesis_time, 'genesis_time');
    const spec = dataOf(await getJson(o, '/eth/v1/config/spec'), 'spec') as { SECONDS_PER_SLOT?: unknown };
    return { genesis, perSlot: decimal(spec?.SECONDS_PER_SLOT, 'SECONDS_PER_SLOT') };
  };
  const blockId = async (at: BlobLocation): Promise<string> => {
    if (mode === 'executionBlockNumber') return at.blockNumber.toString();
    if (at.timestamp === undefined) throw new BlobError('the slot of a blob needs its block timestamp');
    // A failed read is not cached: the next input retries it.
    const c = await (clock ??= readClock().catch((e: unknown) => { clock = undefined; throw e; }));
    return slotOf(at.timestamp, c.genesis, c.perSlot).toString();
  };
  return async (hash, at) => {
    if (at === undefined) throw new BlobError('a beacon node needs the block of the blob', { details: hash });
    const id = await blockId(at);
    const data = dataOf(await getJson(o, `/eth/v1/beacon/blobs/${id}?versioned_hashes=${hash}`), 'blobs');
    if (!Array.isArray(data)) throw new BlobError('beacon blobs response data is not a list');
    // The filter is the node's: check every candidate against the hash ourselves.
    const k = kzgContext();
    for (const b of data) {
      if (typeof b !== 'string' || !HEX_BLOB.test(b)) throw new BlobError('beacon node returned a malformed blob', { details: `block ${id}` });
      if (versionedHash(k.blobToKzgCommitment(b) as Hex).toLowerCase() === hash.toLowerCase()) return hexToBytes(b as Hex);
    }
    throw new BlobError('blob not available from the beacon node', { details: `${hash} in block ${id} (${data.length} returned)` });
  };
}
