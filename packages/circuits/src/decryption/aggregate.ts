/**
 * The aggregator's side of verifiable decryption (spec 003 P4; issue 10): verify every received
 * decryption share against its C6 proof, exclude the ones that fail, pick T + 1 valid ones (the
 * smallest ids, ascending as C7 expects), combine and prove C7. And the verifier's side: check a
 * whole decryption (T + 1 C6 proofs and the C7 proof) against the E3's ciphertext commitment and the
 * parties' C4 commitments — the TypeScript twin of the on-chain DecryptionProofAdapter.
 *
 * There is no recursion here (see packages/circuits/RECURSION.md): the "aggregate" is the set of
 * T + 1 C6 proofs plus one C7 proof, each verified by its own deployed verifier.
 */
import type { Proof } from '../circuit.js';
import { CircuitInputError, VerificationError } from '../errors.js';
import type { RnsPoly } from '../commitments/rns.js';
import type { DecryptionShareCircuit, DecodeCircuit, DecodeProof } from './circuits.js';
import { decryptionShareCommitment } from './shareWitness.js';
import { fromBytes32 } from './circuits.js';
import { checkDecryptingSet, packPlaintext } from './decodeWitness.js';

/** A node's C4 commitments (FORMATS.md): skShare under C4_SK_AGG, esmShare under C4_ESM_AGG. */
export type KeyShareCommitments = { skCommitment: bigint; esmCommitment: bigint };

/** A decryption share as it arrives from a peer: untrusted. */
export type ProvedShare = { party: number; d: RnsPoly; proof: Proof };

export type DecryptionContext = {
  e3Id: bigint;
  /** The output ciphertext's commitment (DOMAINS.CIPHERTEXT), as stored on chain. */
  ctCommitment: bigint;
  T: number;
  /** The C4 commitments of every member of the authorised set A, by party id. */
  commitments: ReadonlyMap<number, KeyShareCommitments>;
};

export type Exclusion = { party: number; reason: string };

/** The published result: what a verifier (and the chain adapter) checks. */
export type VerifiableDecryption = {
  plaintext: bigint[];
  ids: number[];
  dCommitments: bigint[];
  shareProofs: Proof[];
  decodeProof: Proof;
};

/** Checks one share: its commitment, then its C6 proof, against the context. Returns the reason on failure. */
export async function checkShare(c6: DecryptionShareCircuit, ctx: DecryptionContext, s: ProvedShare): Promise<string | undefined> {
  const keys = ctx.commitments.get(s.party);
  if (!keys) return 'party is not in the authorised set';
  let dCommitment: bigint;
  try {
    dCommitment = decryptionShareCommitment(s.d, c6.layout);
  } catch (e) {
    if (e instanceof CircuitInputError) return `malformed share: ${e.shortMessage}`;
    throw e;
  }
  const r = await c6.verify(s.proof, {
    ctCommitment: ctx.ctCommitment,
    skCommitment: keys.skCommitment,
    esmCommitment: keys.esmCommitment,
    e3Id: ctx.e3Id,
    party: BigInt(s.party),
    dCommitment,
  });
  return r.ok ? undefined : `C6 proof rejected: ${r.reason ?? 'verifier returned false'}`;
}

/**
 * Verifies every share, excludes the invalid ones (and duplicates), combines the T + 1 valid shares
 * with the smallest ids and proves C7. Throws VerificationError when fewer than T + 1 are valid.
 */
export async function combineVerifiedShares(
  c6: DecryptionShareCircuit,
  c7: DecodeCircuit,
  ctx: DecryptionContext,
  shares: readonly ProvedShare[],
): Promise<{ decryption: VerifiableDecryption; excluded: Exclusion[]; decode: DecodeProof }> {
  if (c7.layout.S !== ctx.T + 1) throw new CircuitInputError(`the C7 circuit is for ${c7.layout.S} shares, T + 1 = ${ctx.T + 1}`);
  const excluded: Exclusion[] = [];
  const valid = new Map<number, ProvedShare>();
  for (const s of [...shares].sort((a, b) => a.party - b.party)) {
    if (valid.has(s.party)) {
      excluded.push({ party: s.party, reason: 'second share from one party' });
      continue;
    }
    if (valid.size === ctx.T + 1) break; // enough: later shares are not needed (nor checked)
    const why = await checkShare(c6, ctx, s);
    if (why) excluded.push({ party: s.party, reason: why });
    else valid.set(s.party, s);
  }
  if (valid.size < ctx.T + 1) {
    throw new VerificationError('fewer than T + 1 valid decryption shares', { details: `${valid.size} valid; excluded ${excluded.map((e) => e.party).join(',')}` });
  }
  const used = [...valid.values()];
  const ids = used.map((s) => s.party);
  const decode = await c7.prove(ids, used.map((s) => s.d));
  return {
    decryption: {
      plaintext: decode.plaintext,
      ids,
      dCommitments: decode.publicInputs.dCommitments,
      shareProofs: used.map((s) => s.proof),
      decodeProof: decode.proof,
    },
    excluded,
    decode,
  };
}

/**
 * Verifies a published decryption: T + 1 C6 proofs (each with its party's C4 commitments, the
 * E3's ciphertext commitment, and the share commitment C7 consumed) and the C7 proof for exactly
 * these ids, share commitments and plaintext. Returns false on any mismatch; gas summed.
 */
export async function verifyDecryption(
  c6: DecryptionShareCircuit,
  c7: DecodeCircuit,
  ctx: DecryptionContext,
  v: VerifiableDecryption,
): Promise<{ ok: boolean; gasUsed: bigint; reason?: string }> {
  const S = ctx.T + 1;
  if (v.ids.length !== S || v.dCommitments.length !== S || v.shareProofs.length !== S) return { ok: false, gasUsed: 0n, reason: `need exactly ${S} shares` };
  if (c7.layout.S !== S) return { ok: false, gasUsed: 0n, reason: 'C7 circuit is for another threshold' };
  let gasUsed = 0n;
  for (let i = 0; i < S; i++) {
    const keys = ctx.commitments.get(v.ids[i]!);
    if (!keys) return { ok: false, gasUsed, reason: `party ${v.ids[i]} is not in the authorised set` };
    const r = await c6.verify(v.shareProofs[i]!, {
      ctCommitment: ctx.ctCommitment,
      ...keys,
      e3Id: ctx.e3Id,
      party: BigInt(v.ids[i]!),
      dCommitment: v.dCommitments[i]!,
    });
    gasUsed += r.gasUsed;
    if (!r.ok) return { ok: false, gasUsed, reason: `share of party ${v.ids[i]}: ${r.reason ?? 'rejected'}` };
  }
  let packed: bigint[];
  try {
    checkDecryptingSet(v.ids, S);
    packed = packPlaintext(v.plaintext, c7.layout);
  } catch (e) {
    if (e instanceof CircuitInputError) return { ok: false, gasUsed, reason: e.shortMessage };
    throw e;
  }
  const r = await c7.verify(v.decodeProof, { ids: v.ids, dCommitments: v.dCommitments, plaintextPacked: packed });
  gasUsed += r.gasUsed;
  return r.ok ? { ok: true, gasUsed } : { ok: false, gasUsed, reason: `C7: ${r.reason ?? 'rejected'}` };
}

/** The share commitment a C6 proof outputs (its last public input). */
export const provedShareCommitment = (p: Proof): bigint => fromBytes32(p.publicInputs[p.publicInputs.length - 1]!);
