/** Configuration of the protocol core (the daemon builds it from the node config). */
import type { RandomSource } from '@interfold/ring';
import type { Address } from 'viem';
import type { ProofSystem } from '../types.js';
import type { DkgTimeouts } from './dkg.js';
import type { ProgramRegistry } from './program.js';

export type CoreTimeouts = DkgTimeouts & {
  /** After the key/plaintext is ready, the k-th member of A (ascending) publishes at k · failover. */
  readonly failover: number;
  /** Margin after a chain deadline before markFailed is sent (block time skew). */
  readonly deadlineGrace: number;
  /** Depth ≥ 1 programs: each rlk round (rlk.ts); default the c12 round's timeout. */
  readonly rlk?: number;
  /**
   * Fail-over step for the publications that need a fold proof (the key fold, the decryption
   * fold): a fold takes 1–2 min on a 2-core machine, so the next member of A starts its own only
   * this long after the previous one's turn (default FOLD_FAILOVER), not after `failover`.
   */
  readonly foldFailover?: number;
};

/** A fold proof at INSECURE_N512 or PRODUCTION_N8192 takes ≈ 45–110 s here (docs/ZK.md): 3 min per turn. */
export const FOLD_FAILOVER = 180_000;

export const DEFAULT_TIMEOUTS: CoreTimeouts = Object.freeze({
  c0: 30_000,
  c12: 60_000,
  c3: 120_000,
  c4: 120_000,
  dispute: 60_000,
  failover: 30_000,
  deadlineGrace: 15_000,
});

export type CoreConfig = {
  /** This node's operator address. */
  readonly self: Address;
  readonly chainId: number;
  readonly orchestrator: Address;
  /** Verifying contract of envelope signatures (SlashingManager). */
  readonly slashingManager: Address;
  /** Draws each E3's secret seed: cryptoSource in the daemon, a SeededSource in tests only. */
  readonly random: RandomSource;
  readonly programs: ProgramRegistry;
  readonly proofs: ProofSystem;
  readonly timeouts?: Partial<CoreTimeouts>;
  /**
   * Inputs an E3 may sum (fixes the smudging bound; part of every session id, so protocol-wide:
   * every node must use the same value). Outputs over more inputs are rejected.
   */
  readonly maxInputs?: number;
  /**
   * The deployment's DecryptionProofAdapter (contracts deploy option `decryptionProofs`): with
   * proofs on, an E3 whose decryptionVerifier is this adapter gets its plaintext published with
   * T + 1 C6 proofs, a C7 proof and the T + 1 KeyShares attestations (decryption-proof.ts).
   */
  readonly decryptionProofAdapter?: Address;
  /**
   * The deployment's DecryptionAggregateAdapter (deploy option `decryptionAggregate`): with proofs
   * on, an E3 whose decryptionVerifier is this adapter gets its plaintext published with ONE folded
   * proof (T + 1 recursive C6 proofs and C7's relations; decryption-proof.ts, fold mode).
   */
  readonly decryptionAggregateAdapter?: Address;
  /**
   * The deployment's PkAggregateAdapter (deploy option `pkAggregate`): with proofs on, an E3 whose
   * pkVerifier is this adapter gets its public key published with ONE folded proof (every member's
   * C1 proof, noir-recursive, and C5), each pk-share commitment signed by its member (key-fold.ts).
   */
  readonly pkAggregateAdapter?: Address;
};

export const DEFAULT_MAX_INPUTS = 64;
