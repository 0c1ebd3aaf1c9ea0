/**
 * Our BFV library (@interfold/bfv) as a benchmark subject, mirroring seal-bfv.ts: production set
 * (N = 8192, 4 × 50-bit limbs, log2 Q = 200 for keys and ciphertexts alike: no special prime),
 * batching t = 1097729. Keys, plaintexts and ciphertexts are prepared up front; each op closure
 * does one operation; correctness is checked once before anything is timed.
 *
 * Polynomials live in the WebAssembly arena of @interfold/ring. Each op frees the result it
 * created (`free()`), as SEAL's ops write into a reused destination or delete their outputs, so
 * what is timed is the operation and the arena stays at its working size.
 */
import { cryptoSource, getNttBackend, kernelHeap, Modulus, NttTable, sampleUniformInto, type RnsPoly } from '@interfold/ring';
import * as B from '@interfold/bfv';
import { BenchError } from './errors.js';
import type { BfvSubject } from './harness.js';

export async function createOursSubject(): Promise<BfvSubject> {
  const params = B.bfvParameters(B.PRODUCTION);
  const t = Number(params.t);
  const sk = B.genSecretKey(params);
  const pk = B.genPublicKey(params, sk);
  const rlk = B.genRelinKey(params, sk);
  const rand = (n: number) => Array.from(sampleUniformInto(new Float64Array(n), params.tModulus, cryptoSource));
  const x = rand(params.N);
  const y = rand(params.N);
  const ptX = B.encodeSlots(params, x);
  const ptY = B.encodeSlots(params, y);
  const ctX = B.encrypt(params, pk, ptX);
  const ctY = B.encrypt(params, pk, ptY);
  const ctSum = B.add(params, ctX, ctY);
  const ntt = params.ring.ntt[0];
  const nttIn = sampleUniformInto(new Float64Array(params.N), params.ring.moduli[0], cryptoSource);
  const nttBuf = new Float64Array(params.N);
  // The same limb in the arena: the NTT in place, as every RnsPoly limb is transformed.
  const nttPoly = params.ring.zero();
  const nttLimb = nttPoly.limb(0);
  const free = (...polys: readonly RnsPoly[]): void => polys.forEach((p) => p.free());
  const freeCt = (ct: B.Ciphertext): void => free(...ct.polys);

  const check = (what: string, ct: B.Ciphertext, want: (i: number) => number) => {
    const got = B.decodeSlots(B.decrypt(params, sk, ct));
    for (let i = 0; i < got.length; i++) {
      if (got[i] !== want(i)) throw new BenchError(`ours ${what} gave a wrong result`, { details: `slot ${i}: got ${got[i]}, want ${want(i)}` });
    }
  };
  const mulT = (a: number, b: number) => Number((BigInt(a) * BigInt(b)) % params.t);
  check('decrypt(encrypt(x))', B.encrypt(params, pk, ptX), (i) => x[i]);
  check('add', B.add(params, ctX, ctY), (i) => (x[i] + y[i]) % t);
  check('mul_plain', B.mulPlain(params, ctX, ptY), (i) => mulT(x[i], y[i]));
  const prod = B.mulRelin(params, ctX, ctY, rlk);
  check('mul_relin', prod, (i) => mulT(x[i], y[i]));
  const budget = B.measureNoise(params, sk, prod).budgetBits;

  return {
    name: 'ours',
    describe: () => ({
      library: '@interfold/bfv (TypeScript, exact 50-bit RNS on doubles)',
      N: params.N,
      'log2 Q': params.logQ,
      'log2 Q ciphertext': params.logQ,
      limbs: `${params.L} (no special prime), bits ${params.moduli.map((q) => q.toString(2).length).join('+')}`,
      t,
      'log2 t': Math.log2(t).toFixed(2),
      security: '128-bit (HE standard: log2 Q 200 ≤ 218)',
      'noise budget after mul_relin (bits)': Math.floor(budget),
      'polynomial storage': getNttBackend() === 'wasm' ? 'WebAssembly arena, kernel in place (SIMD)' : 'JS heap (TypeScript backend)',
      'arena MB': kernelHeap().size / 2 ** 20,
    }),
    ops: {
      keygen: () => {
        const s = B.genSecretKey(params);
        const p = B.genPublicKey(params, s);
        free(s.poly, s.ntt, p.p0, p.p1, p.p0Ntt, p.p1Ntt);
      },
      encrypt: () => freeCt(B.encrypt(params, pk, ptX)),
      decrypt: () => B.decrypt(params, sk, ctX),
      add: () => B.add(params, ctX, ctY, ctSum), // into a reused destination, as SEAL's evaluator.add(x, y, dest)
      mul_plain: () => freeCt(B.mulPlain(params, ctX, ptY)),
      mul_relin: () => freeCt(B.mulRelin(params, ctX, ctY, rlk)),
      ntt: () => {
        nttLimb.set(nttIn);
        ntt.forward(nttLimb);
      },
    },
    extras: {
      mul: { run: () => freeCt(B.multiply(params, ctX, ctY)), note: 'ciphertext x ciphertext without relinearization (size-3 result)' },
      relin_keygen: {
        run: () => {
          const k = B.genRelinKey(params, sk);
          free(...k.k0, ...k.k1);
        },
        note: 'relinearization key generation from the existing secret key',
      },
      add_new: { run: () => freeCt(B.add(params, ctX, ctY)), note: 'add into a newly allocated ciphertext (arena allocation + free)' },
      ntt_js_heap: {
        run: () => {
          nttBuf.set(nttIn);
          ntt.forward(nttBuf);
        },
        note: 'one forward NTT of a limb on the JS heap (copied into the kernel and back): what the arena saves',
      },
      inverse_ntt: { run: () => ntt.inverse(nttLimb), note: 'one inverse NTT in the arena, N = 8192, 50-bit prime' },
      ntt_table: { run: () => new NttTable(params.N, new Modulus(params.moduli[0])), note: 'building one NTT table (twiddles)' },
    },
    dispose: () => free(nttPoly),
  };
}
