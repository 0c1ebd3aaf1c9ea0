/**
 * Collects T + 1 EIP-712 signatures over one typed message for the committee-quorum verifier
 * (contracts/CommitteeQuorumVerifier.sol) or the orchestrator's RejectOutput check. Each
 * signature is recovered against the digest before it counts, so the aggregator never posts a
 * proof the contract would reject because of one bad signer.
 */
import { type Signed } from '@interfold/contracts';
import { BaseError } from '@interfold/ring';
import { getAddress, hashTypedData, type Address, type Hex } from 'viem';
import { attestationTypes, keySharesTypes, pkShareTypes, rejectOutputTypes } from '@interfold/contracts';
import type { SignRequest } from '../types.js';
import { recoverDigestSigner } from '../wire/envelope.js';

export function signRequestDigest(r: SignRequest): Hex {
  if (r.primaryType === 'KeyShares') return hashTypedData({ domain: r.domain, types: keySharesTypes, primaryType: 'KeyShares', message: r.message });
  if (r.primaryType === 'PkShare') return hashTypedData({ domain: r.domain, types: pkShareTypes, primaryType: 'PkShare', message: r.message });
  return r.primaryType === 'Attestation'
    ? hashTypedData({ domain: r.domain, types: attestationTypes, primaryType: 'Attestation', message: r.message })
    : hashTypedData({ domain: r.domain, types: rejectOutputTypes, primaryType: 'RejectOutput', message: r.message });
}

export class Quorum {
  private readonly signed = new Map<string, Signed>();
  readonly digest: Hex;

  constructor(
    readonly request: SignRequest,
    private readonly needed: number,
  ) {
    this.digest = signRequestDigest(request);
  }

  /** Adds `signature` if it recovers to `signer`; returns whether it counted. */
  add(signer: Address, signature: Hex): boolean {
    const s = getAddress(signer);
    if (this.signed.has(s)) return false;
    try {
      if (recoverDigestSigner(this.digest, signature) !== s) return false;
    } catch (e) {
      if (e instanceof BaseError) return false;
      throw e;
    }
    this.signed.set(s, { signer: s, signature });
    return true;
  }

  get ready(): boolean {
    return this.signed.size >= this.needed;
  }

  get size(): number {
    return this.signed.size;
  }

  /** The first `needed` signatures by signer address (what sortSigned will order anyway). */
  quorum(): Signed[] {
    return [...this.signed.values()].sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1)).slice(0, this.needed);
  }
}
