/**
 * Fuzzing every bfv decoder a node exposes to peers (issue 8, "Untrusted bytes"): random bytes,
 * bit flips of valid encodings, truncations, and valid headers with random bodies. Each decoder
 * must either return an object whose re-encoding is exactly the input (canonical) or throw a
 * typed error (BaseError); afterwards a valid input still decodes to the same object.
 *
 * FUZZ_RUNS (default 100000 per decoder) raises the count: `FUZZ_RUNS=1000000 node --import tsx
 * --test packages/bfv/test/fuzz.test.ts` runs 10^6 inputs per decoder.
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { BaseError } from '@interfold/ring';
import * as B from '../src/index.js';
import { keys } from './helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100_000);

// Reproducible public randomness for the mutations (xorshift32; a test, not a secret).
function prng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
  return { next, below: (n: number) => next() % n };
}

/**
 * The decoders' parsing does not depend on N, so the 10^5 runs use a tiny ring (objects of a few
 * hundred bytes, the same layout); a smaller run covers the INSECURE_N512 test set.
 */
const INSECURE_FUZZ_N16: B.BfvParametersLiteral = Object.freeze({
  ...B.INSECURE_N512,
  name: 'INSECURE_FUZZ_N16',
  N: 16,
  security: 'INSECURE: N = 16, for fuzzing the decoders only',
});

type Codec = [name: string, valid: Uint8Array, decode: (b: Uint8Array) => unknown, encode: (o: never) => Uint8Array];
function codecs(lit: B.BfvParametersLiteral): Codec[] {
  const { params, sk, pk } = keys(lit, 'fuzz');
  const ct = B.encrypt(params, pk, B.encodeCoeffs(params, [5, 6, 7]));
  return [
    ['parameters', B.encodeParameters(params), (b) => B.decodeParameters(b), B.encodeParameters],
    ['secret key', B.encodeSecretKey(sk), (b) => B.decodeSecretKey(params, b), B.encodeSecretKey],
    ['public key', B.encodePublicKey(pk), (b) => B.decodePublicKey(params, b), B.encodePublicKey],
    ['ciphertext', B.encodeCiphertext(ct), (b) => B.decodeCiphertext(params, b), B.encodeCiphertext],
    ['ciphertext (3)', B.encodeCiphertext(B.multiply(params, ct, ct)), (b) => B.decodeCiphertext(params, b), B.encodeCiphertext],
    ['plaintext', B.encodePlaintext(B.encodeCoeffs(params, [1, 2])), (b) => B.decodePlaintext(params, b), B.encodePlaintext],
    ['relinearisation key', B.encodeRelinKey(B.genRelinKey(params, sk)), (b) => B.decodeRelinKey(params, b), B.encodeRelinKey],
  ];
}

/** One mutated input: 4 strategies in turn. */
function mutate(valid: Uint8Array, i: number, r: ReturnType<typeof prng>): Uint8Array {
  switch (i & 3) {
    case 0: {
      // random bytes, mostly short, sometimes as long as a valid input
      const n = r.below(8) === 0 ? valid.length : r.below(64);
      const b = new Uint8Array(n);
      for (let k = 0; k < n; k++) b[k] = r.next() & 0xff;
      return b;
    }
    case 1: {
      // 1–4 bit flips, half of them in the first 64 bytes (header and lengths)
      const b = valid.slice();
      for (let f = 1 + r.below(4); f > 0; f--) {
        const at = r.below(2) === 0 ? r.below(Math.min(64, b.length)) : r.below(b.length);
        b[at] ^= 1 << r.below(8);
      }
      return b;
    }
    case 2:
      // truncation or extension by one random byte
      return r.below(16) === 0 ? Uint8Array.from([...valid.subarray(0, 64), r.next() & 0xff]) : valid.slice(0, r.below(valid.length));
    default: {
      // a valid header (and a few bytes after it) with a random rest
      const keep = 12 + r.below(8);
      const b = new Uint8Array(keep + r.below(48));
      b.set(valid.subarray(0, keep));
      for (let k = keep; k < b.length; k++) b[k] = r.next() & 0xff;
      return b;
    }
  }
}

function fuzz(lit: B.BfvParametersLiteral, runs: number, seed: number): void {
  describe(`bfv decoders (${lit.name}) on ${runs} hostile inputs each (issue 8)`, () => {
    codecs(lit).forEach(([name, valid, decode, encode], c) => {
      it(`${name}: typed errors only, accepted inputs are canonical, valid input still decodes`, () => {
        const r = prng(seed + c);
        let accepted = 0;
        // Stack capture dominates the cost of a rejected input; the traces are not under test.
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
          for (let i = 0; i < runs; i++) {
            const input = mutate(valid, i, r);
            let obj: unknown;
            try {
              obj = decode(input);
            } catch (e) {
              if (!(e instanceof BaseError)) assert.fail(`untyped ${String(e)} on input ${i} (${Buffer.from(input.subarray(0, 32)).toString('hex')}…)`);
              continue;
            }
            accepted++;
            if (Buffer.compare(encode(obj as never), input) !== 0) assert.fail(`input ${i} decoded but is not canonical`);
          }
        } finally {
          Error.stackTraceLimit = limit;
        }
        assert.deepEqual(encode(decode(valid) as never), valid);
        assert.ok(accepted < runs / 2, `the mutations must mostly be rejected (${accepted} accepted)`);
      });
    });
  });
}

fuzz(INSECURE_FUZZ_N16, RUNS, 0x9e3779b9);
fuzz(B.INSECURE_N512, Math.ceil(RUNS / 50), 0x85ebca6b);
