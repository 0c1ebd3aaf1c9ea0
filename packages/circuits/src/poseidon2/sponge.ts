/**
 * Domain-separated Poseidon2 sponge (rate 3, capacity 1): the TypeScript twin of
 * noir/lib/src/sponge.nr. iv = domain_tag * 2^64 + length in the capacity lane; 3 field elements
 * absorbed per permutation, last block zero padded; output lane 0.
 */
import { Fr } from './field.js';
import { poseidon2Permutation } from './permutation.js';

const TWO_64 = 1n << 64n;

export function spongeIv(domainTag: bigint, length: number): bigint {
  if (domainTag < 0n || domainTag >= 1n << 184n) throw new RangeError('domain tag must be < 2^184');
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError('bad sponge input length');
  return Fr.create(domainTag * TWO_64 + BigInt(length));
}

/** Sponge hash of a fixed-length list of field elements under a domain tag. */
export function spongeHash(domainTag: bigint, input: readonly bigint[]): bigint {
  let state: bigint[] = [0n, 0n, 0n, spongeIv(domainTag, input.length)];
  const blocks = input.length === 0 ? 1 : Math.ceil(input.length / 3);
  for (let b = 0; b < blocks; b++) {
    for (let j = 0; j < 3; j++) {
      const idx = 3 * b + j;
      if (idx < input.length) state[j] = Fr.add(state[j]!, Fr.create(input[idx]!));
    }
    state = poseidon2Permutation(state);
  }
  return state[0]!;
}
