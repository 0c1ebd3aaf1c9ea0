/**
 * The committee of one E3 (spec 003, "Phases"; SYSTEM.md §4): n parties with ids 1..n, Shamir
 * threshold T (polynomials of degree T), decryption by any T + 1 authorised parties.
 *
 * Validation, and why:
 * - 1 ≤ T < n: a degree-T sharing needs T + 1 points to reconstruct, and at least that many parties.
 * - n < every limb prime q_j of the threshold set: Shamir evaluates at the ids 1..n modulo each q_j,
 *   which must be distinct and non-zero (0 is the secret's position, spec 003 C2: y[i][j][0]).
 * - n ≤ 65535: ids travel as u16 in every message.
 * - the transport set has the same N (one share vector of one limb = one transport plaintext) and
 *   a plaintext modulus t above every limb prime (a share value < q_j must fit in Z_t).
 */
import type { BfvParameters } from '@interfold/bfv';
import { CommitteeConfigError } from './errors.js';

export const MAX_PARTIES = 65535;

/** The default threshold ⌊(n − 1)/2⌋: an honest majority can decrypt, a minority learns nothing. */
export function defaultThreshold(n: number): number {
  return Math.floor((n - 1) / 2);
}

export class Committee {
  readonly n: number;
  readonly T: number;
  /** Party ids in ascending order: 1..n. */
  readonly ids: readonly number[];

  constructor(params: BfvParameters, transport: BfvParameters, opts: { n: number; T?: number }) {
    const { n } = opts;
    if (!Number.isInteger(n) || n < 2 || n > MAX_PARTIES) {
      throw new CommitteeConfigError('Committee size out of range', { details: `n = ${n}; need 2 ≤ n ≤ ${MAX_PARTIES}` });
    }
    const T = opts.T ?? defaultThreshold(n);
    if (!Number.isInteger(T) || T < 1 || T >= n) {
      throw new CommitteeConfigError('Threshold out of range', { details: `T = ${T}; need 1 ≤ T < n = ${n}` });
    }
    for (const q of params.moduli) {
      if (BigInt(n) >= q) throw new CommitteeConfigError('Committee size must be below every limb prime', { details: `n = ${n}, q = ${q}` });
    }
    Committee.checkTransport(params, transport);
    this.n = n;
    this.T = T;
    this.ids = Object.freeze(Array.from({ length: n }, (_, i) => i + 1));
    Object.freeze(this);
  }

  /** Throws unless `transport` can carry one limb of a `params` share per plaintext. */
  static checkTransport(params: BfvParameters, transport: BfvParameters): void {
    if (transport.N !== params.N) {
      throw new CommitteeConfigError('Transport set must have the same ring degree as the threshold set', {
        details: `transport N = ${transport.N}, threshold N = ${params.N}`,
      });
    }
    for (const q of params.moduli) {
      if (transport.t <= q) {
        throw new CommitteeConfigError('Transport plaintext modulus must exceed every threshold limb', {
          details: `transport t = ${transport.t} ≤ q = ${q}`,
        });
      }
    }
  }

  has(id: number): boolean {
    return Number.isInteger(id) && id >= 1 && id <= this.n;
  }
}
