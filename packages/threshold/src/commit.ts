/**
 * Hash commitments to Shamir shares (the role of the C2 share commitments in spec 003, without the
 * ZK layer): the dealer publishes, for each recipient k,
 *   c_{i,k} = SHA3-256(domain ‖ session id ‖ dealer i ‖ recipient k ‖ canonical share bytes).
 * The share of a degree-T sharing is uniform mod q_j (≥ N·50 bits of entropy per limb), so the
 * hash hides it; collision resistance binds the dealer to one share per recipient, which makes
 * complaints (complaint.ts) and the codeword check (consistency.ts) decidable by anyone.
 */
import { ByteWriter, type RnsPoly } from '@interfold/ring';
import { residueWidth } from '@interfold/bfv';
import { sha3 } from './hash.js';

export const COMMIT_DOMAIN = 'interfold/threshold/share-commitment/v1';

/** The three polynomials a dealer shares with each recipient: secret key, smudging noise, and the mask of the codeword check. */
export type ShareTriple = { readonly sk: RnsPoly; readonly esm: RnsPoly; readonly mask: RnsPoly };

/** Canonical bytes of a coefficient-form polynomial (each residue in ⌈bits(q)/8⌉ bytes, little-endian). */
export function polyBytes(p: RnsPoly): Uint8Array {
  const w = new ByteWriter(p.data.length * 7);
  p.ctx.moduli.forEach((m, l) => w.residues(p.limbs[l], residueWidth(m.big)));
  return w.finish();
}

export function shareCommitment(sessionId: Uint8Array, dealer: number, recipient: number, s: ShareTriple): Uint8Array {
  // Written into one buffer we own (not a growing ByteWriter), so the secret bytes can be erased.
  const prefix = new ByteWriter(128).varBytes(new TextEncoder().encode(COMMIT_DOMAIN)).bytes(sessionId).u16(dealer).u16(recipient).finish();
  const ctx = s.sk.ctx;
  const widths = ctx.moduli.map((m) => residueWidth(m.big));
  const polyLen = widths.reduce((acc, w) => acc + w * ctx.N, 0);
  const bytes = new Uint8Array(prefix.length + 3 * polyLen);
  bytes.set(prefix);
  let off = prefix.length;
  for (const p of [s.sk, s.esm, s.mask]) {
    ctx.check(p);
    ctx.moduli.forEach((_, l) => {
      const x = p.limbs[l];
      const w = widths[l];
      for (let i = 0; i < x.length; i++) {
        // little-endian, w ≤ 7 bytes: low 32 bits by shifts, the rest from the exact high part
        const v = x[i];
        const hi = Math.floor(v / 4294967296);
        const lo = (v - hi * 4294967296) >>> 0;
        for (let b = 0; b < w; b++) bytes[off++] = b < 4 ? (lo >>> (8 * b)) & 0xff : (hi >>> (8 * (b - 4))) & 0xff;
      }
    });
  }
  const h = sha3(bytes);
  bytes.fill(0);
  return h;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}
