/**
 * Microsoft SEAL 4.1 in WASM (node-seal 6.0.3) as a benchmark subject: BFV, N = 8192, SEAL's
 * default 128-bit coefficient modulus for that degree (5 primes, 218 bits: 4 for ciphertexts and
 * 1 special prime for key switching) and a 20-bit batching plaintext modulus.
 */
import * as nodeSeal from 'node-seal';
import type { CipherText } from 'node-seal/implementation/cipher-text.js';
import type { PlainText } from 'node-seal/implementation/plain-text.js';
import type { SEALLibrary } from 'node-seal/implementation/seal.js';
import { BenchError } from './errors.js';
import type { BfvSubject } from './harness.js';

const N = 8192;
const PLAIN_BITS = 20;

/** Uniform-enough public test data in [0, t): values only need to exercise the slots. */
function randomSlots(count: number, t: number): Uint32Array {
  const v = crypto.getRandomValues(new Uint32Array(count));
  for (let i = 0; i < count; i++) v[i] %= t;
  return v;
}

function expectSlots(what: string, got: Uint32Array | Int32Array, want: (i: number) => number): void {
  for (let i = 0; i < got.length; i++) {
    if (got[i] !== want(i))
      throw new BenchError(`SEAL ${what} gave a wrong result`, { details: `slot ${i}: got ${got[i]}, want ${want(i)}` });
  }
}

export async function createSealSubject(): Promise<BfvSubject> {
  // node-seal is CommonJS whose module.exports is the loader; the .d.ts declares it as `default`,
  // which is where Node's ESM interop puts module.exports too.
  const seal: SEALLibrary = await nodeSeal.default();

  // Everything allocated in the WASM heap, freed in reverse order by dispose().
  const owned: { delete(): void }[] = [];
  const own = <T extends { delete(): void }>(o: T): T => (owned.push(o), o);
  const outCt = () => own(seal.CipherText());
  const outPt = () => own(seal.PlainText());

  const parms = own(seal.EncryptionParameters(seal.SchemeType.bfv));
  parms.setPolyModulusDegree(N);
  parms.setCoeffModulus(own(seal.CoeffModulus.BFVDefault(N, seal.SecurityLevel.tc128)));
  parms.setPlainModulus(own(seal.PlainModulus.Batching(N, PLAIN_BITS)));
  const context = own(seal.Context(parms, true, seal.SecurityLevel.tc128));
  if (!context.parametersSet())
    throw new BenchError('SEAL rejected the BFV parameters', { details: context.toHuman() });

  const primes = [...parms.coeffModulus];
  const t = Number(own(parms.plainModulus).value);
  const keyBits = own(context.keyContextData).totalCoeffModulusBitCount;
  const ctBits = own(context.firstContextData).totalCoeffModulusBitCount;

  const keygen = own(seal.KeyGenerator(context));
  const secretKey = own(keygen.secretKey());
  const publicKey = own(keygen.createPublicKey());
  const relinKeys = own(keygen.createRelinKeys());
  const encoder = own(seal.BatchEncoder(context));
  const encryptor = own(seal.Encryptor(context, publicKey));
  const decryptor = own(seal.Decryptor(context, secretKey));
  const evaluator = own(seal.Evaluator(context));

  const slots = encoder.slotCount;
  const x = randomSlots(slots, t);
  const y = randomSlots(slots, t);
  const ptX = own(encoder.encode(x) as PlainText);
  const ptY = own(encoder.encode(y) as PlainText);
  const ctX = own(encryptor.encrypt(ptX) as CipherText);
  const ctY = own(encryptor.encrypt(ptY) as CipherText);

  // One destination per op, reused across runs: SEAL's idiom, and it keeps the WASM heap flat.
  const [ctEnc, ctSum, ctMulPlain, ctProd, ctMul, ctNtt] = [outCt(), outCt(), outCt(), outCt(), outCt(), outCt()];
  const ptDec = outPt();

  const ops: BfvSubject['ops'] = {
    keygen: () => {
      // A fresh secret key is sampled by the KeyGenerator constructor; then the public key.
      const kg = seal.KeyGenerator(context);
      const pk = kg.createPublicKey();
      pk.delete();
      kg.delete();
    },
    encrypt: () => encryptor.encrypt(ptX, ctEnc),
    decrypt: () => decryptor.decrypt(ctX, ptDec),
    add: () => evaluator.add(ctX, ctY, ctSum),
    mul_plain: () => evaluator.multiplyPlain(ctX, ptY, ctMulPlain),
    mul_relin: () => {
      evaluator.multiply(ctX, ctY, ctProd);
      evaluator.relinearize(ctProd, relinKeys, ctProd);
    },
    // ntt: SEAL does not expose a single-polynomial NTT; see extras.ciphertext_to_ntt.
  };

  // Correctness once, before anything is timed (each op has run at least once here).
  const decode = (ct: CipherText) => {
    decryptor.decrypt(ct, ptDec);
    return encoder.decode(ptDec, false);
  };
  ops.encrypt!();
  expectSlots('decrypt(encrypt(x))', decode(ctEnc), (i) => x[i]);
  ops.add!();
  expectSlots('add', decode(ctSum), (i) => (x[i] + y[i]) % t);
  // x*y < 2^40 is exact in a double, so % t is exact too.
  ops.mul_plain!();
  expectSlots('mul_plain', decode(ctMulPlain), (i) => (x[i] * y[i]) % t);
  ops.mul_relin!();
  if (ctProd.size !== 2) throw new BenchError('SEAL relinearize left a ciphertext of size != 2', { details: `size=${ctProd.size}` });
  expectSlots('mul_relin', decode(ctProd), (i) => (x[i] * y[i]) % t);
  const budget = decryptor.invariantNoiseBudget(ctProd);
  if (budget <= 0) throw new BenchError('SEAL mul_relin exhausted the noise budget', { details: `budget=${budget}` });
  ops.keygen!();

  return {
    name: 'seal',
    describe: () => ({
      library: `node-seal ${seal.Version} (Microsoft SEAL 4.1.2, WASM)`,
      N,
      'log2 Q': keyBits,
      'log2 Q ciphertext': ctBits,
      limbs: `${primes.length} (${primes.length - 1} ciphertext + 1 special), bits ${primes.map((p) => p.toString(2).length).join('+')}`,
      t,
      'log2 t': Math.log2(t).toFixed(2),
      security: '128-bit (HE standard, SEAL tc128)',
      'noise budget after mul_relin (bits)': budget,
    }),
    ops,
    extras: {
      mul: { run: () => evaluator.multiply(ctX, ctY, ctMul), note: 'ciphertext x ciphertext without relinearization (size-3 result)' },
      relin_keygen: {
        run: () => keygen.createRelinKeys().delete(),
        note: 'relinearization key generation from the existing secret key',
      },
      ciphertext_to_ntt: {
        run: () => evaluator.cipherTransformToNtt(ctX, ctNtt),
        note:
          'forward NTT of a fresh ciphertext into a destination: 2 polys x 4 limbs = 8 NTTs of N=8192 (includes the copy); ' +
          'per_unit_ms approximates one NTT. SEAL native bench reference: ~57 us native, ~110 us WASM (node-seal BENCHMARK.md, M1 Pro)',
        units: 2 * (primes.length - 1),
      },
    },
    dispose: () => {
      for (const o of owned.reverse()) o.delete();
      owned.length = 0;
    },
  };
}
