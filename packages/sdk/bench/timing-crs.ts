/**
 * The TIMING-ONLY CRS of `npm run bench:zk:browser` (bench/browser.ts), and nothing else: never
 * use it outside this benchmark. It lives in bench/, not in src/, so no SDK path can reach it.
 *
 * bb.js 5's WebAssembly `srsInitSrs` accepts only a CRS whose G1 point 0 is the generator, whose
 * G1 point 1 is the Aztec ceremony's tau·G and whose G2 point bytes hash to the ceremony's [x]_2
 * (and lie in the subgroup). Offline only the development CRS exists. This CRS takes the
 * ceremony's two public head points (data, below) and the development CRS's points 2.. : bb.js
 * accepts it and proves. The prover's work (MSMs over the points, FFTs, memory) does not depend
 * on the point values, so the time and memory are those of a real proof; but the points are not
 * powers of one secret, so the proof is NOT valid — the bench checks that it does not verify.
 */
import { encodeG2, type G2Affine } from '../../circuits/src/crs/devCrs.js';

/** What the bench records for a proof made with this CRS. */
export const TIMING_CRS_LABEL = 'timing-only (ceremony tau·G and [x]_2 head + development points): the proof is not valid (the bench checks that both verifiers reject it)';

/** BN254 base field modulus. */
const P = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;

/** The Aztec ceremony's tau·G (BN254 G1, affine): public data. */
export const CEREMONY_TAU_G1 = {
  x: 0x2d360628289ff943ff6bd1a87bbe4e62abe7fb61ba83effd266f22bdcf31e6f9n,
  y: 0x26b92a79e563c3f48252cce7feeca2f0f8d33dcb4ef7b0643bf07bd405700aaan,
};

/**
 * The Aztec ceremony's [x]_2 (public data), from the EIP-197 order of the generated Solidity
 * verifier (packages/circuits/src/verifier/solidity.ts: x_c1, x_c0, y_c1, y_c0).
 */
export const CEREMONY_G2: G2Affine = {
  x: { c0: 0x0118c4d5b837bcc2bc89b5b398b5974e9f5944073b32078b7e231fec938883b0n, c1: 0x260e01b251f6f1c7e7ff4e580791dee8ea51d87a358e038b4efe30fac09383c1n },
  y: { c0: 0x22febda3c0c0632a56475b4214e5615e11e6dd3f96e6cea2854a87d4dacc5e55n, c1: 0x04fc6369f7110fe3d25156c1bb9a72859cf2a04641f99ba4ee413c80da6a5fe4n },
};

const mod = (a: bigint) => ((a % P) + P) % P;

/** y^2 = x^3 + 3 over Fp (BN254 G1). */
function onG1(x: bigint, y: bigint): boolean {
  return x < P && y < P && mod(y * y - x * x * x - 3n) === 0n;
}

type Fp2 = { c0: bigint; c1: bigint };
const mul2 = (a: Fp2, b: Fp2): Fp2 => ({ c0: mod(a.c0 * b.c0 - a.c1 * b.c1), c1: mod(a.c0 * b.c1 + a.c1 * b.c0) }); // u^2 = -1

/** y^2 = x^3 + 3/(9+u) over Fp2 (BN254's twist), checked as (y^2 − x^3)(9+u) = 3. */
function onG2(g: G2Affine): boolean {
  const y2 = mul2(g.y, g.y);
  const x3 = mul2(mul2(g.x, g.x), g.x);
  const r = mul2({ c0: mod(y2.c0 - x3.c0), c1: mod(y2.c1 - x3.c1) }, { c0: 9n, c1: 1n });
  return r.c0 === 3n && r.c1 === 0n;
}

function be32(x: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31, v = x; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

function readBe(b: Uint8Array, off: number): bigint {
  let v = 0n;
  for (let i = 0; i < 32; i++) v = (v << 8n) | BigInt(b[off + i]!);
  return v;
}

/**
 * The timing-only CRS for a circuit keyed with the development CRS `dev` (browserCircuitAssets'
 * `crs`: G1 points in bn254_g1.dat's layout, 64-byte big-endian affine x||y): point 0 the
 * generator (checked), point 1 the ceremony's tau·G, points 2.. the development ones; G2 the
 * ceremony's [x]_2 in bn254_g2.dat's layout (devCrs.ts's encodeG2).
 */
export function timingCrs(dev: { g1: Uint8Array; g2: Uint8Array }): { g1: Uint8Array; g2: Uint8Array } {
  if (!onG1(CEREMONY_TAU_G1.x, CEREMONY_TAU_G1.y)) throw new Error('timing CRS: the ceremony tau·G constant is not on BN254 G1');
  if (!onG2(CEREMONY_G2)) throw new Error('timing CRS: the ceremony [x]_2 constant is not on BN254 G2');
  if (dev.g1.length < 3 * 64 || dev.g1.length % 64 !== 0) throw new Error(`timing CRS: unexpected development G1 length ${dev.g1.length}`);
  if (readBe(dev.g1, 0) !== 1n || readBe(dev.g1, 32) !== 2n) throw new Error('timing CRS: development G1 point 0 is not the generator (1, 2)');
  const g1 = Uint8Array.from(dev.g1);
  g1.set(be32(CEREMONY_TAU_G1.x), 64);
  g1.set(be32(CEREMONY_TAU_G1.y), 96);
  return { g1, g2: encodeG2(CEREMONY_G2) };
}
