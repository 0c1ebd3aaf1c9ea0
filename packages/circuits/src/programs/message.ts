/**
 * The plaintext inside a user-encryption witness, as the program circuits see it (docs/ZK.md
 * "Program validity proofs"): encryption scales m to k1 = [(Q mod t)·m]_t (bfv encrypt.ts), so
 * m_j = k1_j·(Q mod t)^{-1} mod t and the circuit checks k1_j + t·s_j = m_j·(Q mod t) over Z with
 * s_j = ⌊m_j·(Q mod t)/t⌋ < 2^W_S.
 */
import { invMod } from '@interfold/ring';
import { CircuitInputError } from '../errors.js';
import type { EncryptionParams } from '../userEncryption/layout.js';

export type MessageScaling = { t: bigint; qModT: bigint; qModTInv: bigint; sWidth: number };

const bitlen = (x: bigint) => (x === 0n ? 1 : x.toString(2).length);

export function messageScaling(p: EncryptionParams): MessageScaling {
  const Q = p.moduli.reduce((a, q) => a * q, 1n);
  const qModT = Q % p.t;
  if (qModT === 0n) throw new CircuitInputError('Q is divisible by t: the message scaling is not invertible', { details: `t = ${p.t}` });
  return { t: p.t, qModT, qModTInv: invMod(qModT, p.t), sWidth: bitlen(qModT) };
}

/** The first `count` plaintext coefficients m_j and their quotients s_j, from the witness' k1. */
export function messageOf(k1: readonly bigint[], count: number, sc: MessageScaling): { m: bigint[]; s: bigint[] } {
  if (count > k1.length) throw new CircuitInputError('more message coefficients than the ring degree', { details: `${count} > ${k1.length}` });
  const m: bigint[] = [];
  const s: bigint[] = [];
  for (let j = 0; j < count; j++) {
    const k = k1[j]!;
    if (k < 0n || k >= sc.t) throw new CircuitInputError('k1 coefficient out of [0, t)', { details: `k1[${j}] = ${k}` });
    const mj = (k * sc.qModTInv) % sc.t;
    m.push(mj);
    s.push((mj * sc.qModT - k) / sc.t);
  }
  return { m, s };
}

/** Coefficients past the program's message must be 0 (the circuit asserts k1_j = 0 there). */
export function tailIsZero(k1: readonly bigint[], from: number): boolean {
  for (let j = from; j < k1.length; j++) if (k1[j] !== 0n) return false;
  return true;
}
