/**
 * Off-chain twin of the on-chain sortition (contracts/E3Sortition.sol, SYSTEM.md §3 step 2).
 * Ticket k of node v scores keccak256(abi.encode(v, k, e3Id, seed)); each node's best (lowest)
 * ticket competes and the n lowest scores form the committee, in ascending score order (party
 * ids 1..n). A node computes `bestTicket` to know what to submit; anyone can recompute the
 * committee with `selectCommittee` from the stake snapshot and the seed.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes, isAddress, isHex, type Address, type Hex } from 'viem';
import { InvalidArgumentError } from './errors.js';

const MAX_UINT256 = (1n << 256n) - 1n;

function word(value: bigint, name: string): Uint8Array {
  if (value < 0n || value > MAX_UINT256) throw new InvalidArgumentError(`${name} out of uint256 range`, { details: String(value) });
  const out = new Uint8Array(32);
  let v = value;
  for (let i = 31; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Reusable ABI-encoding buffer for (address, uint256, uint256, bytes32). */
function scoreInput(node: Address, e3Id: bigint, seed: Hex): Uint8Array {
  if (!isAddress(node, { strict: false })) throw new InvalidArgumentError('node is not an address', { details: node });
  if (!isHex(seed) || seed.length !== 66) throw new InvalidArgumentError('seed must be 32 bytes of hex', { details: seed });
  const buf = new Uint8Array(128);
  buf.set(hexToBytes(node), 12);
  buf.set(word(e3Id, 'e3Id'), 64);
  buf.set(hexToBytes(seed), 96);
  return buf;
}

/** keccak256(abi.encode(node, ticket, e3Id, seed)), as E3Sortition.ticketScore. */
export function ticketScore(node: Address, ticket: bigint, e3Id: bigint, seed: Hex): Hex {
  const buf = scoreInput(node, e3Id, seed);
  buf.set(word(ticket, 'ticket'), 32);
  return bytesToHex(keccak_256(buf));
}

/**
 * The seed the contract derives: keccak256(abi.encode(prevrandao, e3Id)), where prevrandao is
 * `block.prevrandao` of the block that fixed the seed (the `seedBlock` of the SeedFixed event). Off
 * chain it is that block header's `mixHash` (viem: `(await client.getBlock({ blockNumber })).mixHash`);
 * anvil fills it with a fresh random value per block, as the beacon chain's RANDAO would.
 */
export function seedFromPrevrandao(prevrandao: Hex, e3Id: bigint): Hex {
  if (!isHex(prevrandao) || prevrandao.length !== 66) throw new InvalidArgumentError('prevrandao must be 32 bytes', { details: prevrandao });
  const buf = new Uint8Array(64);
  buf.set(hexToBytes(prevrandao), 0);
  buf.set(word(e3Id, 'e3Id'), 32);
  return bytesToHex(keccak_256(buf));
}

export type ScoredTicket = { node: Address; ticket: bigint; score: Hex };

/** The lowest-scoring ticket among 1..tickets, or undefined for a node without tickets. */
export function bestTicket(node: Address, tickets: bigint, e3Id: bigint, seed: Hex): ScoredTicket | undefined {
  if (tickets < 0n) throw new InvalidArgumentError('negative ticket count', { details: String(tickets) });
  if (tickets === 0n) return undefined;
  const buf = scoreInput(node, e3Id, seed);
  let best: Uint8Array | undefined;
  let bestK = 0n;
  for (let k = 1n; k <= tickets; k++) {
    buf.set(word(k, 'ticket'), 32);
    const h = keccak_256(buf);
    if (best === undefined || compareBytes(h, best) < 0) {
      best = h;
      bestK = k;
    }
  }
  return { node, ticket: bestK, score: bytesToHex(best!) };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

export type StakeEntry = { node: Address; tickets: bigint };

/**
 * The committee the contract ends with when every node submits its best ticket: the n lowest
 * best scores, ascending. Returns fewer than n members when fewer nodes hold tickets (the
 * contract then fails the E3 with InsufficientCommittee).
 */
export function selectCommittee(stakes: readonly StakeEntry[], e3Id: bigint, seed: Hex, n: number): ScoredTicket[] {
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('committee size must be a positive integer', { details: String(n) });
  const seen = new Set<string>();
  const best: ScoredTicket[] = [];
  for (const { node, tickets } of stakes) {
    const key = node.toLowerCase();
    if (seen.has(key)) throw new InvalidArgumentError('duplicate node in stake list', { details: node });
    seen.add(key);
    const b = bestTicket(node, tickets, e3Id, seed);
    if (b !== undefined) best.push(b);
  }
  best.sort((x, y) => (BigInt(x.score) < BigInt(y.score) ? -1 : BigInt(x.score) > BigInt(y.score) ? 1 : 0));
  return best.slice(0, n);
}
