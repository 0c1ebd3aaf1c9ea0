/**
 * Domain separators of the commitment chain (SYSTEM.md section 5, spec 003). Each statement
 * hashes under its own tag, so a commitment made for one statement can never be replayed as
 * another. A tag is an ASCII label (at most 23 bytes) read as a big-endian integer; the sponge
 * puts tag * 2^64 + input_length in its capacity lane (src/poseidon2/sponge.ts).
 *
 * Version suffixes change whenever a format changes.
 */
export function domainTag(label: string): bigint {
  if (!/^[\x20-\x7e]{1,23}$/.test(label)) throw new RangeError(`domain label must be 1..23 printable ASCII bytes: ${label}`);
  let v = 0n;
  for (const ch of label) v = (v << 8n) | BigInt(ch.charCodeAt(0));
  return v;
}

export const DOMAINS = Object.freeze({
  /** C0: an individual (transport) public key (pk0, pk1). */
  C0_TRANSPORT_PK: 'ifold/c0/transport-pk/1',
  /** C1 outputs: secret key contribution, smudging noise contribution, public key share. */
  C1_SK: 'ifold/c1/sk/1',
  C1_ESM: 'ifold/c1/esm/1',
  C1_PK_SHARE: 'ifold/c1/pk-share/1',
  /** C2a/C2b: one party's Shamir shares. */
  C2_SK_SHARE: 'ifold/c2/sk-share/1',
  C2_ESM_SHARE: 'ifold/c2/esm-share/1',
  /** C4a/C4b: aggregated shares. */
  C4_SK_AGG: 'ifold/c4/sk-agg/1',
  C4_ESM_AGG: 'ifold/c4/esm-agg/1',
  /** C5: the threshold public key (what users encrypt under; also the user-encryption public input). */
  PK: 'ifold/c5/threshold-pk/1',
  /** C6: a decryption share. */
  C6_DECRYPTION_SHARE: 'ifold/c6/dec-share/1',
  /**
   * User encryption: the small witness polynomials, the first challenge alpha (combines the 2L
   * limb equations), the second challenge gamma (the evaluation point, after the combined
   * quotient R2 is fixed). The ciphertext itself is bound by its keccak digest (see ciphertext.ts).
   */
  USER_ENC_WITNESS: 'ifold/user-enc/wit/1',
  USER_ENC_ALPHA: 'ifold/user-enc/alpha/1',
  USER_ENC_GAMMA: 'ifold/user-enc/gamma/1',
  /** Digest of a parameter set, absorbed into every Fiat-Shamir challenge. */
  PARAMS: 'ifold/params/1',
  /**
   * The output ciphertext of an E3 (c0, c1 in the RNS commitment format): what the chain stores as
   * ciphertextCommitment and what C6 proves a decryption share against (spec 003 P4).
   */
  CIPHERTEXT: 'ifold/ciphertext/1',
  /** C6: its witness commitment (packed r1) and its two Fiat-Shamir challenges. */
  C6_WITNESS: 'ifold/c6/wit/1',
  C6_ALPHA: 'ifold/c6/alpha/1',
  C6_GAMMA: 'ifold/c6/gamma/1',
});
