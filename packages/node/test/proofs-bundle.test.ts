/**
 * The proof slot's codec (src/proofs/bundle.ts): round trips, and every malformed form — wrong
 * version, count, truncation, trailing bytes, a public input ≥ the field modulus — is a typed
 * ProofError, never a crash or a silently shortened bundle. The claims the core links read the
 * right positions of each circuit's public inputs.
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { FR_MODULUS, INNER_PROOF_LEN } from '@interfold/circuits';
import { c1Claims, c2Claims, c4Claims, c6Claims, masksClaims, rlk1Claims, rlk2Claims, decodeProofBundle, encodeProofBundle, PROOF_BUNDLE_VERSION, type ProofItem } from '../src/proofs/index.js';
import { ProofError } from '../src/wire/index.js';
import { innerProofBytes, innerProofFields } from '../src/proofs/bundle.js';

const field = fc.bigInt({ min: 0n, max: FR_MODULUS - 1n });
const item = fc.record({ publicInputs: fc.array(field, { maxLength: 12 }), proof: fc.uint8Array({ maxLength: 300 }) });

describe('proofs: the proof-slot bundle', () => {
  it('round trips one to eight proofs with their public inputs', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), (items: ProofItem[]) => {
        const back = decodeProofBundle(encodeProofBundle(items));
        assert.deepEqual(back.map((b) => [[...b.publicInputs], [...b.proof]]), items.map((b) => [[...b.publicInputs], [...b.proof]]));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects every truncation, any trailing byte, a wrong version or count, and a public input ≥ p with ProofError', () => {
    const good = encodeProofBundle([{ publicInputs: [1n, 2n, 3n], proof: new Uint8Array([9, 8, 7]) }]);
    for (let k = 0; k < good.length; k++) assert.throws(() => decodeProofBundle(good.subarray(0, k)), ProofError);
    assert.throws(() => decodeProofBundle(Uint8Array.from([...good, 0])), ProofError);
    const v = good.slice();
    v[0] = PROOF_BUNDLE_VERSION + 1;
    assert.throws(() => decodeProofBundle(v), ProofError);
    for (const count of [0, 2, 9]) {
      const c = good.slice();
      c[1] = count;
      assert.throws(() => decodeProofBundle(c), ProofError);
    }
    const big = good.slice();
    big.fill(0xff, 4, 36); // first public input = 2^256 − 1
    assert.throws(() => decodeProofBundle(big), ProofError);
    assert.throws(() => encodeProofBundle([]), ProofError);
    assert.throws(() => encodeProofBundle(Array.from({ length: 9 }, () => ({ publicInputs: [1n], proof: new Uint8Array(1) }))), ProofError);
    assert.throws(() => encodeProofBundle([{ publicInputs: [FR_MODULUS], proof: new Uint8Array(1) }]), ProofError);
  });

  it('random bytes decode or fail with ProofError only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        try {
          decodeProofBundle(b);
        } catch (e) {
          assert.ok(e instanceof ProofError, String(e));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('claims read the circuits’ public-input positions (C1, C2a/b, C4a/b, C6), check a recursive twin’s claims, and refuse the wrong proof count', () => {
    const p = new Uint8Array([1]);
    const c1 = encodeProofBundle([{ publicInputs: [10n, 1n, 11n, 12n, 13n, 14n], proof: p }]);
    assert.deepEqual(c1Claims(c1), { sk: 12n, esm: 13n, pkShare: 14n, twin: false });
    // Key-fold E3s: the C1 proof and its noir-recursive twin, over the same six public inputs.
    const c1pi = [10n, 1n, 11n, 12n, 13n, 14n];
    assert.deepEqual(c1Claims(encodeProofBundle([{ publicInputs: c1pi, proof: p }, { publicInputs: c1pi, proof: p }])), { sk: 12n, esm: 13n, pkShare: 14n, twin: true });
    assert.throws(() => c1Claims(encodeProofBundle([{ publicInputs: c1pi, proof: p }, { publicInputs: [...c1pi.slice(0, 5), 15n], proof: p }])), ProofError);
    assert.throws(() => c1Claims(encodeProofBundle([{ publicInputs: c1pi.slice(0, 5), proof: p }])), ProofError);
    assert.throws(() => c1Claims(encodeProofBundle([0, 1, 2].map(() => ({ publicInputs: c1pi, proof: p })))), ProofError);
    const c2 = encodeProofBundle([
      { publicInputs: [10n, 1n, 20n, 21n, 22n, 23n], proof: p },
      { publicInputs: [10n, 1n, 30n, 31n, 32n, 33n], proof: p },
    ]);
    assert.deepEqual(c2Claims(c2), { sk: { secret: 20n, shares: [21n, 22n, 23n] }, esm: { secret: 30n, shares: [31n, 32n, 33n] } });
    const c4 = encodeProofBundle([
      { publicInputs: [10n, 2n, 21n, 22n, 40n], proof: p },
      { publicInputs: [10n, 2n, 31n, 32n, 50n], proof: p },
    ]);
    assert.deepEqual(c4Claims(c4), { sk: { shares: [21n, 22n], agg: 40n }, esm: { shares: [31n, 32n], agg: 50n } });
    const c6 = encodeProofBundle([{ publicInputs: [60n, 40n, 50n, 7n, 2n, 70n], proof: p }]);
    assert.deepEqual(c6Claims(c6), { ct: 60n, sk: 40n, esm: 50n });
    assert.throws(() => c2Claims(c1), ProofError);
    assert.throws(() => c1Claims(c2), ProofError);
    assert.throws(() => c6Claims(encodeProofBundle([{ publicInputs: [1n, 2n], proof: p }])), ProofError);
    // Fold E3s: the EVM proof and its noir-recursive twin, over the same six public inputs.
    const c6pi = [60n, 40n, 50n, 7n, 2n, 70n];
    assert.deepEqual(c6Claims(encodeProofBundle([{ publicInputs: c6pi, proof: p }, { publicInputs: c6pi, proof: p }])), { ct: 60n, sk: 40n, esm: 50n });
    assert.throws(() => c6Claims(encodeProofBundle([{ publicInputs: c6pi, proof: p }, { publicInputs: [...c6pi.slice(0, 5), 71n], proof: p }])), ProofError);
    assert.throws(() => c6Claims(encodeProofBundle([{ publicInputs: c6pi, proof: p }, { publicInputs: c6pi.slice(0, 5), proof: p }])), ProofError);
    assert.throws(() => c6Claims(encodeProofBundle([0, 1, 2].map(() => ({ publicInputs: c6pi, proof: p })))), ProofError);
  });

  it('a recursive proof travels as INNER_PROOF_LEN 32-byte field elements: round trip, and any other length or an element ≥ p is a ProofError', () => {
    const proofOf = fc.array(field, { minLength: INNER_PROOF_LEN, maxLength: INNER_PROOF_LEN });
    fc.assert(
      fc.property(proofOf, (fields) => {
        const bytes = innerProofBytes(fields);
        assert.equal(bytes.length, 32 * INNER_PROOF_LEN);
        assert.deepEqual(innerProofFields(bytes), fields);
      }),
      { numRuns: 20 },
    );
    const good = innerProofBytes(Array.from({ length: INNER_PROOF_LEN }, (_, i) => BigInt(i)));
    assert.throws(() => innerProofFields(good.subarray(0, good.length - 1)), ProofError);
    assert.throws(() => innerProofFields(Uint8Array.from([...good, 0])), ProofError);
    const big = good.slice();
    big.fill(0xff, 32 * 7, 32 * 8); // element 7 = 2^256 − 1
    assert.throws(() => innerProofFields(big), ProofError);
    assert.throws(() => innerProofBytes([1n, 2n]), ProofError);
    assert.throws(() => innerProofBytes(Array.from({ length: INNER_PROOF_LEN }, () => FR_MODULUS)), ProofError);
  });

  it('claims of the depth ≥ 1 rounds: RKG round 1 (sk, u), round 2 (aggregate per digit, sk, u), committee masks (the key commitment of each proof)', () => {
    const p = new Uint8Array([1]);
    const digits = (f: (d: bigint) => bigint[]) => encodeProofBundle([0n, 1n].map((d) => ({ publicInputs: f(d), proof: p })));
    assert.deepEqual(rlk1Claims(digits((d) => [10n, 1n, d, 11n + d, 12n, 13n, 14n + d])), { sk: 12n, u: 13n });
    assert.deepEqual(rlk2Claims(digits((d) => [10n, 1n, d, 21n + d, 22n, 23n, 24n])), { agg: [21n, 22n], sk: 22n, u: 23n });
    // digits over different secrets, out of order, or of the wrong shape are refused
    assert.throws(() => rlk1Claims(digits((d) => [10n, 1n, d, 11n, 12n + d, 13n, 14n])), ProofError);
    assert.throws(() => rlk2Claims(digits((d) => [10n, 1n, d, 21n, 22n, 23n + d, 24n])), ProofError);
    assert.throws(() => rlk1Claims(digits((d) => [10n, 1n, 1n - d, 11n, 12n, 13n, 14n])), ProofError);
    const masks = encodeProofBundle([0, 1, 2].map((j) => ({ publicInputs: [90n + BigInt(j), 1n, 2n, 3n, 4n, 5n], proof: p })));
    assert.deepEqual(masksClaims(masks), { pk: [90n, 91n, 92n] });
    assert.throws(() => rlk1Claims(masks), ProofError);
    assert.throws(() => masksClaims(encodeProofBundle([{ publicInputs: [1n, 2n, 3n], proof: p }])), ProofError);
  });
});
