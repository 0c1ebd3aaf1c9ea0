/**
 * BFV parameters: a literal (plain numbers, auditable) is validated once into an immutable
 * `BfvParameters` carrying every precomputed table (Lattigo's ParametersLiteral → Parameters).
 * The named sets are in `sets.ts`; docs/PARAMETERS.md states their security and noise bounds.
 */
import {
  BaseConverter,
  gcd,
  ByteWriter,
  InvalidParameterError,
  Modulus,
  NttTable,
  RingContext,
  RnsBasis,
  isPrime,
  nttPrimes,
  type ShoupConstant,
} from '@interfold/ring';
import { sha3_256 } from '@noble/hashes/sha3.js';

export type BfvParametersLiteral = {
  /** A unique name; sets for tests only contain `INSECURE`. */
  readonly name: string;
  /** Ring degree (power of two). */
  readonly N: number;
  /** Ciphertext RNS moduli q_i (distinct primes ≡ 1 mod 2N, each < 2^50). */
  readonly moduli: readonly bigint[];
  /** Plaintext modulus t (< 2^50, coprime to Q). */
  readonly t: bigint;
  /** The security claim and its source, or why the set is insecure. */
  readonly security: string;
};

/** Tables for ciphertext multiplication (HPS): an auxiliary basis P and the conversions. */
export type MultiplicationContext = {
  readonly ringP: RingContext;
  readonly qToP: BaseConverter;
  readonly pToQ: BaseConverter;
  /** [(QP/q_k)^{-1}]_{q_k}: the QP-CRT coefficients on the Q limbs. */
  readonly yQ: readonly ShoupConstant[];
  /** For each q_k: floor(t·P/q_k) mod p_j, indexed [j][k]. */
  readonly aModP: readonly (readonly ShoupConstant[])[];
  /** For each q_k: (t·P) mod q_k, for the fractional part. */
  readonly bModQ: readonly ShoupConstant[];
  /** [t·Q^{-1}]_{p_j}: the coefficient of the P-limb residue itself. */
  readonly lambda: readonly ShoupConstant[];
};

export class BfvParameters {
  readonly name: string;
  readonly security: string;
  readonly insecure: boolean;
  readonly N: number;
  readonly t: bigint;
  /** t as a modulus, for plaintext arithmetic. */
  readonly tModulus: Modulus;
  /** The ciphertext ring R_Q. */
  readonly ring: RingContext;
  readonly Q: bigint;
  /** Q mod t: the message scaling of encryption is k1 = [Q·m]_t (see encrypt.ts). */
  readonly qModT: number;
  /** k0_i = (−t)^{-1} mod q_i (spec 003, C3: "per-modulus scaling factors"). */
  readonly k0: readonly ShoupConstant[];
  /** t = A_i·q_i + B_i per limb, for decryption rounding: A_i mod t (constant mod t), B_i (constant mod q_i). */
  readonly roundA: readonly ShoupConstant[];
  readonly roundB: readonly ShoupConstant[];
  /** 8-byte fingerprint of the canonical encoding: serialised objects carry it. */
  readonly fingerprint: Uint8Array;
  private mulCtx: MultiplicationContext | undefined;
  private slotNtt: NttTable | undefined | null;

  constructor(lit: BfvParametersLiteral) {
    const { N, moduli, t, name } = lit;
    if (typeof name !== 'string' || name.length === 0 || name.length > 64) {
      throw new InvalidParameterError('Parameter set needs a name of 1–64 characters');
    }
    if (!Number.isInteger(N) || N < 8 || N > 1 << 16 || (N & (N - 1)) !== 0) {
      throw new InvalidParameterError('N must be a power of two in [8, 2^16]', { details: `N = ${N}` });
    }
    if (moduli.length < 1 || moduli.length > 16) {
      throw new InvalidParameterError('Need 1 to 16 ciphertext moduli', { details: `got ${moduli.length}` });
    }
    for (const q of moduli) {
      if (!isPrime(q)) throw new InvalidParameterError('Ciphertext modulus is not prime', { details: `q = ${q}` });
      if ((q - 1n) % BigInt(2 * N) !== 0n) {
        throw new InvalidParameterError('Ciphertext modulus is not ≡ 1 mod 2N', { details: `q = ${q}, N = ${N}` });
      }
    }
    if (new Set(moduli).size !== moduli.length) throw new InvalidParameterError('Ciphertext moduli must be distinct');
    if (t < 2n) throw new InvalidParameterError('Plaintext modulus must be ≥ 2', { details: `t = ${t}` });
    this.tModulus = new Modulus(t); // enforces t < 2^50
    for (const q of moduli) {
      if (q === t || gcd(q, t) !== 1n) throw new InvalidParameterError('t must be coprime to Q', { details: `t = ${t}, q = ${q}` });
    }
    this.ring = new RingContext(N, new RnsBasis(moduli));
    this.Q = this.ring.basis.Q;
    // Decryption needs Q/t large enough for at least a fresh ciphertext: require Q > 2^20·t.
    if (this.Q < t << 20n) {
      throw new InvalidParameterError('Q too small for t', { details: `log2 Q = ${this.Q.toString(2).length}, t = ${t}` });
    }
    const insecure = name.includes('INSECURE');
    if (!insecure) {
      const maxBits = HE_STANDARD_MAX_LOGQ[N];
      const logQ = this.Q.toString(2).length;
      if (maxBits === undefined || logQ > maxBits) {
        throw new InvalidParameterError('Parameter set is below 128-bit security: name it INSECURE_…', {
          details: `N = ${N}, log2 Q = ${logQ}, HE standard max = ${maxBits ?? 'n/a'}`,
        });
      }
    }
    this.name = name;
    this.security = lit.security;
    this.insecure = insecure;
    this.N = N;
    this.t = t;
    this.qModT = Number(this.Q % t);
    this.k0 = Object.freeze(this.ring.moduli.map((m) => m.shoup(m.inv(-t))));
    this.roundA = Object.freeze(this.ring.moduli.map((m) => this.tModulus.shoup(Number((t / m.big) % t))));
    this.roundB = Object.freeze(this.ring.moduli.map((m) => m.shoup(Number(t % m.big))));
    this.fingerprint = sha3_256(encodeLiteral(lit)).slice(0, 8);
  }

  get L(): number {
    return this.ring.L;
  }
  get moduli(): readonly bigint[] {
    return this.ring.moduli.map((m) => m.big);
  }
  get logQ(): number {
    return this.Q.toString(2).length;
  }

  /** The literal this set was built from (for serialisation and display). */
  toLiteral(): BfvParametersLiteral {
    return { name: this.name, N: this.N, moduli: this.moduli, t: this.t, security: this.security };
  }

  /** The NTT modulo t for SIMD slots, or null when t is not ≡ 1 mod 2N (no batching). */
  get slots(): NttTable | null {
    if (this.slotNtt === undefined) {
      const ok = (this.t - 1n) % BigInt(2 * this.N) === 0n && isPrime(this.t);
      this.slotNtt = ok ? new NttTable(this.N, this.tModulus) : null;
    }
    return this.slotNtt;
  }

  /**
   * HPS multiplication tables, built on first use. P is a product of 50-bit NTT primes distinct
   * from Q with P > 2^6·t·N·Q: the tensor product of two centered ciphertexts has coefficients
   * below N·Q²/2 and, scaled by t/Q, below t·N·Q/2, which must be centered-representable mod P
   * [HPS 2019, §4.2]. The 2^6 margin covers the rare off-by-Q lifts of fast base conversion.
   */
  get multiplication(): MultiplicationContext {
    if (!this.mulCtx) this.mulCtx = buildMultiplication(this);
    return this.mulCtx;
  }
}

function buildMultiplication(p: BfvParameters): MultiplicationContext {
  const bound = (p.t * BigInt(p.N) * p.Q) << 6n;
  const candidates = nttPrimes(p.N, 50, p.L + 12).filter((q) => !p.moduli.includes(q) && q !== p.t);
  const ps: bigint[] = [];
  let P = 1n;
  for (const q of candidates) {
    if (P > bound) break;
    ps.push(q);
    P *= q;
  }
  if (P <= bound) throw new InvalidParameterError('Could not build the multiplication basis');
  const ringP = new RingContext(p.N, new RnsBasis(ps));
  const bq = p.ring.basis;
  const bp = ringP.basis;
  const QP = p.Q * P;
  const tP = p.t * P;
  return Object.freeze({
    ringP,
    qToP: new BaseConverter(bq, bp),
    pToQ: new BaseConverter(bp, bq),
    yQ: Object.freeze(bq.moduli.map((m) => m.shoup(m.inv((QP / m.big) % m.big)))),
    aModP: Object.freeze(bp.moduli.map((pj) => Object.freeze(bq.moduli.map((qk) => pj.shoup(pj.reduceBig(tP / qk.big)))))),
    bModQ: Object.freeze(bq.moduli.map((qk) => qk.shoup(Number(tP % qk.big)))),
    lambda: Object.freeze(bp.moduli.map((pj) => pj.shoup(pj.reduceBig(p.t * BigInt(pj.inv(p.Q % pj.big)))))),
  });
}

/**
 * Largest log2 Q for 128-bit classical security with a ternary secret and σ ≈ 3.2
 * [Albrecht et al., Homomorphic Encryption Security Standard, 2018, Table 1].
 */
export const HE_STANDARD_MAX_LOGQ: Readonly<Record<number, number>> = Object.freeze({
  1024: 27,
  2048: 54,
  4096: 109,
  8192: 218,
  16384: 438,
  32768: 881,
});

/** Canonical bytes of a literal: name, N, moduli, t (the security text is not part of identity). */
export function encodeLiteral(lit: BfvParametersLiteral): Uint8Array {
  const w = new ByteWriter(64 + 8 * lit.moduli.length);
  w.varBytes(new TextEncoder().encode(lit.name));
  w.u32(lit.N);
  w.u8(lit.moduli.length);
  for (const q of lit.moduli) w.bigUint(q, 8);
  w.bigUint(lit.t, 8);
  return w.finish();
}

const cache = new Map<string, BfvParameters>();
const cacheKey = (identity: Uint8Array) => Buffer.from(identity).toString('hex');

/**
 * Validated parameters for a literal, cached by identity (tables are built once per process).
 * Only trusted code calls this with its own literals; decoders use `cachedParameters` and never
 * insert (untrusted bytes must not grow or poison this cache, issue 8).
 */
/** Validated parameters from either a literal or parameters already validated (options accept both). */
export function asBfvParameters(p: BfvParameters | BfvParametersLiteral): BfvParameters {
  return 'ring' in p ? p : bfvParameters(p);
}

export function bfvParameters(lit: BfvParametersLiteral): BfvParameters {
  const key = cacheKey(encodeLiteral(lit));
  let p = cache.get(key);
  if (!p) {
    p = new BfvParameters(lit);
    cache.set(key, p);
  }
  return p;
}

/** The cached set with this identity (`encodeLiteral` bytes), if trusted code built one; never builds. */
export function cachedParameters(identity: Uint8Array): BfvParameters | undefined {
  return cache.get(cacheKey(identity));
}
