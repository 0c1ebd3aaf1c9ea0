/**
 * A runnable tour of @interfold/bfv on the production set: keys, a SIMD-encoded tally, one
 * multiplication, serialisation, noise. `npm run example:bfv`.
 */
import * as B from '@interfold/bfv';

const time = <T>(label: string, f: () => T): T => {
  const t0 = performance.now();
  const r = f();
  console.log(`${label.padEnd(34)} ${(performance.now() - t0).toFixed(2).padStart(8)} ms`);
  return r;
};

const params = B.bfvParameters(B.PRODUCTION);
console.log(`${params.name}: N = ${params.N}, log2 Q = ${params.logQ} (${params.L} limbs), t = ${params.t}`);
console.log(params.security, '\n');

const sk = time('secret key', () => B.genSecretKey(params));
const pk = time('public key', () => B.genPublicKey(params, sk));
const rlk = time('relinearisation key', () => B.genRelinKey(params, sk));

// 100 voters each vote for one of 8 options (one-hot in the first 8 slots).
const votes = Array.from({ length: 100 }, (_, i) => (i * 7) % 8);
const ballots = time('encrypt 100 one-hot ballots', () =>
  votes.map((v) => B.encrypt(params, pk, B.encodeSlots(params, Array.from({ length: 8 }, (_, k) => (k === v ? 1 : 0))))),
);
const tally = time('homomorphic sum', () => B.addMany(params, ballots));
const counts = time('decrypt the tally', () => B.decodeSlots(B.decrypt(params, sk, tally)).slice(0, 8));
console.log('tally per option:', counts.join(' '));

const a = B.encrypt(params, pk, B.encodeSlots(params, [1234, 5678]));
const b = B.encrypt(params, pk, B.encodeSlots(params, [1000, 3]));
const prod = time('multiply + relinearise', () => B.mulRelin(params, a, b, rlk));
console.log('product slots:', B.decodeSlots(B.decrypt(params, sk, prod)).slice(0, 2).join(' '), `(expected ${(1234 * 1000) % Number(params.t)} ${5678 * 3})`);

const bytes = B.encodeCiphertext(prod);
console.log(`ciphertext: ${bytes.length} bytes; round trip ok: ${B.decodeCiphertext(params, bytes).c0.equals(prod.c0)}`);
const n = B.measureNoise(params, sk, prod);
console.log(`noise after one multiplication: 2^${n.bits.toFixed(1)}, budget left ${n.budgetBits.toFixed(1)} bits`);
sk.dispose();
