/**
 * Our BFV library (@interfold/bfv) as a benchmark subject, mirroring seal-bfv.ts: production set
 * (N = 8192, 4 × 50-bit limbs, log2 Q = 200 for keys and ciphertexts alike: no special prime),
 * batching t = 1097729. Keys, plaintexts and ciphertexts are prepared up front; each op closure
 * does one operation; correctness is checked once before anything is timed.
 */
import { cryptoSource, Modulus, NttTable, sampleUniformInto } from '@interfold/ring';
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
    }),
    ops: {
      keygen: () => B.genPublicKey(params, B.genSecretKey(params)),
      encrypt: () => B.encrypt(params, pk, ptX),
      decrypt: () => B.decrypt(params, sk, ctX),
      add: () => B.add(params, ctX, ctY, ctSum), // into a reused destination, as SEAL's evaluator.add(x, y, dest)
      mul_plain: () => B.mulPlain(params, ctX, ptY),
      mul_relin: () => B.mulRelin(params, ctX, ctY, rlk),
      ntt: () => {
        nttBuf.set(nttIn);
        ntt.forward(nttBuf);
      },
    },
    extras: {
      mul: { run: () => B.multiply(params, ctX, ctY), note: 'ciphertext x ciphertext without relinearization (size-3 result)' },
      relin_keygen: { run: () => B.genRelinKey(params, sk), note: 'relinearization key generation from the existing secret key' },
      inverse_ntt: { run: () => ntt.inverse(nttBuf), note: 'one inverse NTT, N = 8192, 50-bit prime' },
      ntt_table: { run: () => new NttTable(params.N, new Modulus(params.moduli[0])), note: 'building one NTT table (twiddles)' },
    },
  };
}
