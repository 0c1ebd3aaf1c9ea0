/**
 * The identity of one DKG/E3 session: everything the parties must agree on before P1 starts
 * (both parameter sets, n, T, the E3 seed, the smudging bound). Its 32-byte id is hashed into every
 * commitment and challenge, so no message of one E3 can be replayed in another.
 */
import type { BfvParameters } from '@interfold/bfv';
import { ByteWriter, type RnsPoly } from '@interfold/ring';
import { sha3 } from './hash.js';
import { Committee } from './committee.js';
import { commonRandomPoly } from './crp.js';
import { smudgingBound, DEFAULT_LAMBDA, type SmudgingBound } from './smudging.js';

export const SESSION_DOMAIN = 'interfold/threshold/session/v1';

export type SessionOptions = {
  readonly params: BfvParameters;
  readonly transport: BfvParameters;
  readonly n: number;
  readonly T?: number;
  /** The E3 seed (public): `a` and the session id derive from it. */
  readonly seed: Uint8Array | string;
  /** Inputs the decrypted ciphertext may sum (fixes the smudging bound). */
  readonly maxInputs: number;
  readonly lambda?: number;
};

export class Session {
  readonly params: BfvParameters;
  readonly transport: BfvParameters;
  readonly committee: Committee;
  readonly seed: Uint8Array;
  readonly smudging: SmudgingBound;
  readonly id: Uint8Array;
  private crp: RnsPoly | undefined;

  constructor(o: SessionOptions) {
    this.params = o.params;
    this.transport = o.transport;
    this.committee = new Committee(o.params, o.transport, { n: o.n, T: o.T });
    this.seed = typeof o.seed === 'string' ? new TextEncoder().encode(o.seed) : Uint8Array.from(o.seed);
    this.smudging = smudgingBound(o.params, { n: o.n, maxInputs: o.maxInputs }, o.lambda ?? DEFAULT_LAMBDA);
    const w = new ByteWriter(256);
    w.varBytes(new TextEncoder().encode(SESSION_DOMAIN));
    w.bytes(o.params.fingerprint).bytes(o.transport.fingerprint);
    w.u16(this.committee.n).u16(this.committee.T);
    w.u32(this.smudging.lambda).uint(o.maxInputs, 7);
    w.varBytes(this.seed);
    this.id = sha3(w.finish());
  }

  get n(): number {
    return this.committee.n;
  }
  get T(): number {
    return this.committee.T;
  }

  /** The common random polynomial a (computed once). */
  get a(): RnsPoly {
    if (!this.crp) this.crp = commonRandomPoly(this.params, this.seed);
    return this.crp;
  }
}
