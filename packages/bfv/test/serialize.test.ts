import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DecodeError, MismatchError } from '@interfold/ring';
import * as B from '../src/index.js';
import { keys } from './helpers.js';

const { params, sk, pk } = keys(B.INSECURE_N512, 'ser');
const other = B.bfvParameters(B.INSECURE_N1024);
const rlk = B.genRelinKey(params, sk);
const ct = B.encrypt(params, pk, B.encodeCoeffs(params, [1, 2, 3]));
const ct3 = B.multiply(params, ct, ct);
const pt = B.encodeCoeffs(params, [7, 0, 12288]);

const cases = [
  ['secret key', B.encodeSecretKey(sk), (b: Uint8Array) => B.decodeSecretKey(params, b), B.encodeSecretKey],
  ['public key', B.encodePublicKey(pk), (b: Uint8Array) => B.decodePublicKey(params, b), B.encodePublicKey],
  ['ciphertext', B.encodeCiphertext(ct), (b: Uint8Array) => B.decodeCiphertext(params, b), B.encodeCiphertext],
  ['ciphertext (3 components)', B.encodeCiphertext(ct3), (b: Uint8Array) => B.decodeCiphertext(params, b), B.encodeCiphertext],
  ['plaintext', B.encodePlaintext(pt), (b: Uint8Array) => B.decodePlaintext(params, b), B.encodePlaintext],
  ['relinearisation key', B.encodeRelinKey(rlk), (b: Uint8Array) => B.decodeRelinKey(params, b), B.encodeRelinKey],
] as const;

describe('serialisation', () => {
  for (const [name, bytes, decode, encode] of cases) {
    it(`${name}: round trip is the identity on bytes`, () => {
      const obj = decode(bytes);
      assert.deepEqual((encode as (o: unknown) => Uint8Array)(obj), bytes);
    });
    it(`${name}: truncated, extended, bad magic/version/kind rejected with DecodeError`, () => {
      for (const cut of [0, 3, 11, 12, bytes.length - 1]) assert.throws(() => decode(bytes.slice(0, cut)), DecodeError, `cut ${cut}`);
      assert.throws(() => decode(Uint8Array.from([...bytes, 0])), /Trailing/);
      for (const [off, val, re] of [[0, 0x00, /magic/], [2, 2, /version/], [3, 0x7f, /Expected/]] as const) {
        const b = bytes.slice();
        b[off] = val;
        assert.throws(() => decode(b), re);
      }
    });
    it(`${name}: an object of another parameter set is refused`, () => {
      const b = bytes.slice();
      b.set(other.fingerprint, 4);
      assert.throws(() => decode(b), MismatchError);
    });
  }
  it('out-of-range residues are rejected (every residue must be < its modulus)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * 512 - 1 }), (k) => {
        const b = B.encodeCiphertext(ct).slice();
        // set coefficient k of c0 (limb 0 or 1) to 0xff…ff (≥ q)
        const off = 13 + 7 * k;
        b.fill(0xff, off, off + 7);
        assert.throws(() => B.decodeCiphertext(params, b), /Out-of-range/);
      }),
      { numRuns: 20 },
    );
  });
  it('a ciphertext with 4 components is rejected', () => {
    const b = B.encodeCiphertext(ct).slice();
    b[12] = 4;
    assert.throws(() => B.decodeCiphertext(params, b), /2 or 3 components/);
  });
  it('decoded objects work: decrypt a decoded ciphertext with a decoded key', () => {
    const sk2 = B.decodeSecretKey(params, B.encodeSecretKey(sk));
    const ct2 = B.decodeCiphertext(params, B.encodeCiphertext(ct));
    assert.deepEqual(B.decodeCoeffs(B.decrypt(params, sk2, ct2)).slice(0, 3), [1, 2, 3]);
  });
  it('parameters: malformed encodings rejected', () => {
    const bytes = B.encodeParameters(params);
    assert.throws(() => B.decodeParameters(bytes.slice(0, bytes.length - 2)), DecodeError);
    const bad = bytes.slice();
    // N is at 12 (header) + 4 (literal length) + 4 (name length) + name: make it 500 (not a power of two)
    const nOff = 12 + 4 + 4 + params.name.length;
    assert.equal(new DataView(bad.buffer).getUint32(nOff, true), 512);
    new DataView(bad.buffer).setUint32(nOff, 500, true);
    assert.throws(() => B.decodeParameters(bad), /Decoded parameters are invalid/);
  });
});

// Issue 8, "Untrusted bytes": the decodeParameters bugs the fuzzer found, one test each.
describe('decodeParameters on hostile bytes (issue 8)', () => {
  const bytes = B.encodeParameters(params);
  const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  // layout: header (12) ‖ u32 literal length ‖ literal ‖ u32 security length ‖ security
  const litLen = view(bytes).getUint32(12, true);
  const secOff = 12 + 4 + litLen + 4;

  it('invalid UTF-8 in the security text is a DecodeError, not a TypeError', () => {
    const b = bytes.slice();
    b[secOff] = 0xff; // never valid in UTF-8
    assert.throws(() => B.decodeParameters(b), (e: unknown) => e instanceof DecodeError && /security text is not valid UTF-8/.test(e.message));
  });
  it('invalid UTF-8 in the name is a DecodeError', () => {
    const b = bytes.slice();
    b[12 + 4 + 4] = 0xc3; // a lead byte followed by an ASCII byte
    assert.throws(() => B.decodeParameters(b), (e: unknown) => e instanceof DecodeError && /name is not valid UTF-8/.test(e.message));
  });
  it('a changed security text is refused, and does not poison the cache for later callers', () => {
    const b = bytes.slice();
    b[secOff] ^= 0x01; // 'I' → 'H': still valid UTF-8, same identity
    assert.throws(() => B.decodeParameters(b), /Non-canonical parameters/);
    const p = B.decodeParameters(bytes);
    assert.equal(p.security, B.INSECURE_N512.security);
    assert.deepEqual(B.encodeParameters(p), bytes);
  });
  it('a set first seen in crafted bytes is not cached: the trusted literal wins afterwards', () => {
    const lit = { ...B.INSECURE_N512, name: 'INSECURE_N512_DECODE_FIRST', security: 'original' };
    const crafted = B.encodeParameters(new B.BfvParameters({ ...lit, security: 'forged' }));
    const decoded = B.decodeParameters(crafted);
    assert.equal(decoded.security, 'forged');
    assert.notEqual(B.decodeParameters(crafted), decoded, 'decoding builds afresh, never caches');
    assert.equal(B.cachedParameters(B.encodeLiteral(lit)), undefined);
    assert.equal(B.bfvParameters(lit).security, 'original');
    assert.throws(() => B.decodeParameters(crafted), /Non-canonical parameters/);
  });
  it('the header fingerprint is checked', () => {
    assert.deepEqual(bytes.slice(4, 12), params.fingerprint);
    for (const i of [4, 11]) {
      const b = bytes.slice();
      b[i] ^= 0x80;
      assert.throws(() => B.decodeParameters(b), /fingerprint does not match/);
    }
  });
  it('`only` restricts decoding to given sets and builds nothing from the bytes', () => {
    assert.equal(B.decodeParameters(bytes, { only: [other, params] }), params);
    assert.throws(() => B.decodeParameters(bytes, { only: [other] }), MismatchError);
    const big = B.encodeParameters(new B.BfvParameters({ ...B.INSECURE_N1024, name: 'INSECURE_UNLISTED' }));
    assert.throws(() => B.decodeParameters(big, { only: [params] }), /not among the accepted sets/);
  });
  it('decode ∘ encode is the identity, including a leading byte-order mark in the text', () => {
    const p = new B.BfvParameters({ ...B.INSECURE_N512, name: 'INSECURE_BOM', security: '\uFEFFtext' });
    const b = B.encodeParameters(p);
    assert.deepEqual(B.encodeParameters(B.decodeParameters(b)), b);
  });
});
