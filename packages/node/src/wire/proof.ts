/**
 * The proof slot of each message and its policy. Today no DKG/decryption circuit (C0–C7) exists,
 * so every phase is NO_PROOF_YET: the slot must be empty and nothing is claimed as proved (the
 * DKG's public checks and disputes, and the committee-quorum attestations on chain, are what
 * stands). A ProofSystem for a phase whose circuit lands returns REQUIRED and plugs in here
 * without a new wire format.
 */
import type { Phase, ProofPolicy, ProofStatement, ProofSystem } from '../types.js';
import { ProofError } from './errors.js';

export const NO_PROOF_YET: ProofPolicy = 'NO_PROOF_YET';

/** The default: no phase has a circuit yet. prove/verify refuse (they must never be reached). */
export const noProofsYet: ProofSystem = Object.freeze({
  name: 'no-proofs-yet',
  policy: (_phase: Phase): ProofPolicy => NO_PROOF_YET,
  prove(phase: Phase): Uint8Array {
    throw new ProofError('No circuit for this phase yet', { details: `phase ${phase}` });
  },
  verify(phase: Phase): boolean {
    throw new ProofError('No circuit for this phase yet', { details: `phase ${phase}` });
  },
});

/** Applies the phase's policy to a received proof slot. */
export function checkProof(proofs: ProofSystem, phase: Phase, statement: ProofStatement, proof: Uint8Array): void {
  const policy = proofs.policy(phase);
  if (policy === 'NO_PROOF_YET') {
    if (proof.length !== 0) throw new ProofError('Proof slot must be empty: this phase has no circuit yet', { details: `phase ${phase}, ${proof.length} bytes` });
    return;
  }
  if (proof.length === 0) throw new ProofError('Missing proof', { details: `phase ${phase}` });
  let ok = false;
  try {
    ok = proofs.verify(phase, statement, proof);
  } catch (e) {
    throw new ProofError('Proof verification failed', { cause: e, details: `phase ${phase}` });
  }
  if (!ok) throw new ProofError('Proof does not verify', { details: `phase ${phase}` });
}

/** The proof slot of an outbound message under the phase's policy. */
export function proveFor(proofs: ProofSystem, phase: Phase, statement: ProofStatement): Uint8Array {
  return proofs.policy(phase) === 'NO_PROOF_YET' ? new Uint8Array(0) : proofs.prove(phase, statement);
}
