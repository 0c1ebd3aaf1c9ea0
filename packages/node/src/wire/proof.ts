/**
 * The proof slot of each message and its policy (spec 003 P1–P4). A phase with a circuit is
 * REQUIRED: its slot must carry a proof, which the daemon's gate verifies (async, ProofSystem.verify)
 * before the message is logged and reaches the core; a failing one reaches the core as a
 * `rejected` input (evidence), never as a message. A phase without a circuit is NO_PROOF_YET: its
 * slot must be empty and nothing is claimed. `noProofsYet` is the explicit "proofs off" system.
 */
import type { Phase, ProofPolicy, ProofSystem } from '../types.js';
import { ProofError } from './errors.js';

export const NO_PROOF_YET: ProofPolicy = 'NO_PROOF_YET';

/** Proofs off: no phase claims a proof. prove/verify refuse (they must never be reached). */
export const noProofsYet: ProofSystem = Object.freeze({
  name: 'no-proofs-yet',
  policy: (_phase: Phase): ProofPolicy => NO_PROOF_YET,
  prove(): Promise<Uint8Array> {
    return Promise.reject(new ProofError('No circuit for this phase (proofs are off)'));
  },
  verify(): Promise<string | undefined> {
    return Promise.reject(new ProofError('No circuit for this phase (proofs are off)'));
  },
});

/**
 * The core's (synchronous) check of a proof slot under the phase's policy: present for REQUIRED
 * phases (the gate verified it), empty otherwise.
 */
export function checkProof(proofs: ProofSystem, phase: Phase, proof: Uint8Array): void {
  if (proofs.policy(phase) === 'NO_PROOF_YET') {
    if (proof.length !== 0) throw new ProofError('Proof slot must be empty: this phase has no circuit', { details: `phase ${phase}, ${proof.length} bytes` });
    return;
  }
  if (proof.length === 0) throw new ProofError('Missing proof', { details: `phase ${phase}` });
}

/** Runs the async verification of a REQUIRED phase; a throwing verifier counts as a rejection. */
export async function verifyProofSlot(proofs: ProofSystem, m: Parameters<ProofSystem['verify']>[0], ctx: Parameters<ProofSystem['verify']>[1]): Promise<string | undefined> {
  if (proofs.policy(m.phase) === 'NO_PROOF_YET') return m.proof.length === 0 ? undefined : 'proof slot must be empty: this phase has no circuit';
  if (m.proof.length === 0) return 'missing proof';
  try {
    return await proofs.verify(m, ctx);
  } catch (e) {
    return `proof verification failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}
