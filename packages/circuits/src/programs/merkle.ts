/**
 * The ballot's allowlist: a Poseidon2 Merkle tree of voter addresses (leaf = H_leaf(address),
 * node = H_node(left, right), the project's sponge; empty leaves are 0). Poseidon2, not keccak:
 * the tree is hashed inside the ballot circuit (DEPTH sponge calls, cheap) while the chain only
 * stores the root fixed at request and passes it as a public input (docs/apps/ballot.md).
 */
import { CircuitInputError } from '../errors.js';
import { domainTag } from '../commitments/domains.js';
import { spongeHash } from '../poseidon2/sponge.js';

export const BALLOT_DOMAINS = Object.freeze({ LEAF: 'ifold/ballot/leaf/1', NODE: 'ifold/ballot/node/1' });
const LEAF = domainTag(BALLOT_DOMAINS.LEAF);
const NODE = domainTag(BALLOT_DOMAINS.NODE);

export type MerklePath = { siblings: bigint[]; indexBits: bigint[] };
export type Allowlist = { depth: number; root: bigint; voters: readonly string[]; path(voter: string): MerklePath };

/** An address as the field element the circuit takes (`voter`). */
export function addressField(a: string): bigint {
  if (!/^0x[0-9a-fA-F]{40}$/.test(a)) throw new CircuitInputError('not an address', { details: a });
  return BigInt(a);
}

export const leafHash = (voter: string) => spongeHash(LEAF, [addressField(voter)]);
export const nodeHash = (l: bigint, r: bigint) => spongeHash(NODE, [l, r]);

export function allowlist(voters: readonly string[], depth: number): Allowlist {
  if (!Number.isInteger(depth) || depth < 1 || depth > 32) throw new CircuitInputError('allowlist depth must be in [1, 32]', { details: String(depth) });
  if (voters.length === 0 || voters.length > 2 ** depth) throw new CircuitInputError('allowlist size must be in [1, 2^depth]', { details: `${voters.length} voters, depth ${depth}` });
  const norm = voters.map((v) => `0x${addressField(v).toString(16).padStart(40, '0')}`);
  if (new Set(norm).size !== norm.length) throw new CircuitInputError('allowlist has a duplicate address');
  const levels: bigint[][] = [norm.map(leafHash).concat(new Array<bigint>(2 ** depth - norm.length).fill(0n))];
  for (let d = 0; d < depth; d++) {
    const below = levels[d]!;
    const up: bigint[] = [];
    for (let i = 0; i < below.length; i += 2) up.push(nodeHash(below[i]!, below[i + 1]!));
    levels.push(up);
  }
  return {
    depth,
    root: levels[depth]![0]!,
    voters: norm,
    path(voter: string): MerklePath {
      const idx = norm.indexOf(`0x${addressField(voter).toString(16).padStart(40, '0')}`);
      if (idx < 0) throw new CircuitInputError('voter is not in the allowlist', { details: voter });
      const siblings: bigint[] = [];
      const indexBits: bigint[] = [];
      for (let d = 0, i = idx; d < depth; d++, i >>= 1) {
        siblings.push(levels[d]![i ^ 1]!);
        indexBits.push(BigInt(i & 1));
      }
      return { siblings, indexBits };
    },
  };
}
