/**
 * A session whose program multiplies (depth 1 or 2): the same identity as `Session` (session.ts),
 * with the smudging bound computed for the program's depth (smudging.ts, mul-noise.ts) and the
 * depth hashed into the session id, so the smudging contributions dealt in P1 cover the noise of
 * the product ciphertext and no transcript of a depth-d session can be replayed in another.
 */
import { ByteWriter } from '@interfold/ring';
import { sha3 } from './hash.js';
import { Session, type SessionOptions } from './session.js';
import { DEFAULT_LAMBDA, smudgingBound, type SmudgingBound } from './smudging.js';

export const DEPTH_SESSION_DOMAIN = 'interfold/threshold/depth-session/v1';

export type DepthSessionOptions = SessionOptions & {
  /** Multiplications before decryption (1 or 2). */
  readonly multiplications: number;
  /** Products summed at each level (mul-noise.ts; default 1). */
  readonly products?: number;
};

export class DepthSession extends Session {
  override readonly smudging: SmudgingBound;
  override readonly id: Uint8Array;
  readonly multiplications: number;

  constructor(o: DepthSessionOptions) {
    super(o);
    // The fields below are redefined after super() (class-field semantics), so the depth-0 id is
    // recomputed from an identical base session rather than read from `this`.
    const base = new Session(o).id;
    this.multiplications = o.multiplications;
    this.smudging = smudgingBound(o.params, { n: o.n, maxInputs: o.maxInputs, multiplications: o.multiplications, products: o.products ?? 1 }, o.lambda ?? DEFAULT_LAMBDA);
    const w = new ByteWriter(96);
    w.varBytes(new TextEncoder().encode(DEPTH_SESSION_DOMAIN)).bytes(base);
    w.u8(o.multiplications).u32(o.products ?? 1);
    this.id = sha3(w.finish());
  }
}
