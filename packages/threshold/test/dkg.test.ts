import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import {
  ComplaintReason,
  QuorumError,
  SecretReuseError,
  DisposedError,
  CommitteeConfigError,
  combineDecryptionShares,
  decryptionShare,
  interpolateAtZero,
  type DecryptionShare,
  type DkgResult,
  type EncryptedShareBundle,
  Committee,
  defaultThreshold,
} from '../src/index.js';
import { SMALL, dkg, subsets, thresholdSecret } from './helpers.js';

const params = SMALL.params;
const userSrc = new SeededSource('users', 'test/threshold');

/** Encrypts `values` (one per user) under the DKG's key and sums them. */
function tally(r: DkgResult, values: number[]): B.Ciphertext {
  return B.addMany(params, values.map((v, i) => B.encrypt(params, r.pk, B.encodeCoeffs(params, [v, i % 7]), userSrc)));
}

function allShares(r: DkgResult, ct: B.Ciphertext, ids = r.authorised): DecryptionShare[] {
  return ids.map((id) => decryptionShare(params, r.keyShares.get(id)!, ct));
}

const decoded = (pt: B.Plaintext) => B.decodeCoeffs(pt, { signed: true }).slice(0, 2);

describe('committee configuration', () => {
  it('default T = ⌊(n−1)/2⌋; any 1 ≤ T < n; n below every limb prime; transport compatible', () => {
    assert.equal(defaultThreshold(3), 1);
    assert.equal(defaultThreshold(10), 4);
    assert.equal(new Committee(params, SMALL.transport, { n: 10 }).T, 4);
    assert.equal(new Committee(params, SMALL.transport, { n: 10, T: 9 }).T, 9);
    assert.throws(() => new Committee(params, SMALL.transport, { n: 3, T: 3 }), CommitteeConfigError);
    assert.throws(() => new Committee(params, SMALL.transport, { n: 3, T: 0 }), CommitteeConfigError);
    assert.throws(() => new Committee(params, SMALL.transport, { n: 1 }), CommitteeConfigError);
    assert.throws(() => new Committee(params, SMALL.transport, { n: 70000 }), CommitteeConfigError);
    // the transport set must carry one limb per plaintext: same N, t above every limb
    assert.throws(() => new Committee(params, B.bfvParameters(B.INSECURE_TRANSPORT_N1024), { n: 3 }), /same ring degree/);
    assert.throws(() => new Committee(params, params, { n: 3 }), /exceed every threshold limb/);
  });
});

describe('DKG and threshold decryption, n = 3, T = 1', () => {
  const r = dkg({ n: 3, T: 1, tag: 'n3' });
  const values = [5, 7, 11, 13, 1, 0, 2];
  const ct = tally(r, values);
  const shares = allShares(r, ct);
  it('every party is authorised; pk = (Σ p0_i, a) and decrypts under s = Σ sk_i', () => {
    assert.deepEqual(r.authorised, [1, 2, 3]);
    assert.equal(r.excluded.length, 0);
    assert.ok(r.pk.p1.equals(r.session.a));
    const s = thresholdSecret(r);
    assert.deepEqual(decoded(B.decrypt(params, s, ct)), [39, 21]);
  });
  it('the key shares are a Shamir sharing of s (any 2 interpolate to s)', () => {
    const s = thresholdSecret(r);
    for (const S of subsets([1, 2, 3], 2)) assert.ok(interpolateAtZero(params.ring, S, S.map((k) => r.keyShares.get(k)!.sk)).equals(s.poly));
  });
  it('any T+1 = 2 decryption shares give the sum', () => {
    for (const S of subsets(shares, 2)) assert.deepEqual(decoded(combineDecryptionShares(params, S, 1, { ciphertext: ct }).plaintext), [39, 21]);
  });
  it('all 3 shares: checked for consistency, then combined', () => {
    assert.deepEqual(decoded(combineDecryptionShares(params, shares, 1).plaintext), [39, 21]);
  });
  it('T = 1 share gives nothing: combination refuses, and the share alone is not the phase', () => {
    assert.throws(() => combineDecryptionShares(params, [shares[0]], 1), QuorumError);
    const s = thresholdSecret(r);
    const phase = B.phase(params, s, ct);
    assert.ok(!shares[0].d.equals(phase));
    assert.notDeepEqual(decoded(B.roundToPlaintext(params, shares[0].d)), [39, 21]);
  });
  it('a wrong decryption share is detected when more than T+1 are available', () => {
    const bad = { ...shares[2], d: shares[2].d.clone() };
    bad.d.limbs[0][3] = (bad.d.limbs[0][3] + 1) % params.ring.moduli[0].q;
    assert.throws(() => combineDecryptionShares(params, [shares[0], shares[1], bad], 1), /inconsistent/);
    assert.throws(() => combineDecryptionShares(params, [shares[0], shares[0]], 1), /Two decryption shares/);
  });
  it('a key share masks ONE ciphertext: a second, different ciphertext is refused', () => {
    const other = tally(r, [1]);
    assert.throws(() => decryptionShare(params, r.keyShares.get(1)!, other), SecretReuseError);
    // the same ciphertext again is the same share (idempotent)
    assert.ok(decryptionShare(params, r.keyShares.get(1)!, ct).d.equals(shares[0].d));
    const share3 = decryptionShare(params, r.keyShares.get(3)!, ct);
    assert.throws(() => combineDecryptionShares(params, [shares[0], share3], 1, { ciphertext: other }), /another ciphertext/);
  });
  it('dispose zeroises the key share and the party secrets', () => {
    const k = r.keyShares.get(2)!;
    const sk = k.sk;
    k.dispose();
    assert.ok(sk.data.every((x) => x === 0));
    assert.throws(() => k.sk, DisposedError);
    const p = r.parties.get(2)!;
    const contrib = p.witness.skContribution.poly;
    p.dispose();
    assert.ok(contrib.data.every((x) => x === 0));
    assert.throws(() => p.witness, DisposedError);
  });
});

describe('DKG and threshold decryption, n = 10, T = 4', () => {
  const r = dkg({ n: 10, T: 4, tag: 'n10' });
  const values = Array.from({ length: 12 }, (_, i) => 10 * i + 1);
  const ct = tally(r, values);
  const shares = allShares(r, ct);
  const want = [values.reduce((a, b) => a + b, 0), values.reduce((a, _, i) => a + (i % 7), 0)];
  it('every one of the 252 subsets of T+1 = 5 parties decrypts correctly', () => {
    const all = subsets(shares, 5);
    assert.equal(all.length, 252);
    for (const S of all) assert.deepEqual(decoded(combineDecryptionShares(params, S, 4).plaintext), want, `subset ${S.map((s) => s.party)}`);
  });
  it('T = 4 shares: refused, and interpolating them gives an unrelated plaintext', () => {
    assert.throws(() => combineDecryptionShares(params, shares.slice(0, 4), 4), QuorumError);
    const ids = [1, 2, 3, 4];
    const wrong = B.roundToPlaintext(params, interpolateAtZero(params.ring, ids, shares.slice(0, 4).map((s) => s.d)));
    assert.notDeepEqual(decoded(wrong), want);
  });
  it('dropout of n−T−1 = 5 parties: the other 5 still decrypt (and so do 6..10 with redundancy checked)', () => {
    const live = shares.filter((s) => [2, 4, 6, 8, 10].includes(s.party));
    assert.deepEqual(decoded(combineDecryptionShares(params, live, 4).plaintext), want);
    assert.deepEqual(decoded(combineDecryptionShares(params, shares.slice(3), 4).plaintext), want);
  });
});

describe('faults are detected and the faulty party excluded', () => {
  it('a dealer sending a share that does not match its commitment: complaint, failed opening, dealer excluded; E3 completes', () => {
    const r = dkg({
      n: 4,
      T: 1,
      tag: 'f1',
      adversaries: {
        2: {
          bundle(b: EncryptedShareBundle) {
            if (b.recipient !== 3) return b;
            const c0 = b.sk[0].c0.clone();
            c0.limbs[0][5] = (c0.limbs[0][5] + 1000) % c0.ctx.moduli[0].q;
            return { ...b, sk: [new B.Ciphertext(b.sk[0].params, [c0, b.sk[0].c1]), ...b.sk.slice(1)] };
          },
        },
      },
    });
    assert.deepEqual(r.authorised, [1, 3, 4]);
    assert.equal(r.excluded[0].party, 2);
    assert.match(r.excluded[0].reason, /not the encryption|commitment/);
    const ct = tally(r, [3, 4]);
    assert.deepEqual(decoded(combineDecryptionShares(params, allShares(r, ct, [3, 4]), 1).plaintext), [7, 1]);
  });
  it('a dealer whose committed shares are not on one degree-T polynomial: codeword complaint, dealer excluded', () => {
    const r = dkg({
      n: 5,
      T: 2,
      tag: 'f2',
      adversaries: {
        4: {
          sharings(s) {
            const p = s.sk.shareFor(1);
            p.limbs[1][9] = (p.limbs[1][9] + 1) % p.ctx.moduli[1].q;
          },
        },
      },
    });
    assert.deepEqual(r.authorised, [1, 2, 3, 5]);
    assert.deepEqual(r.excluded.map((e) => e.party), [4]);
    assert.match(r.excluded[0].reason, /not on the published degree-T polynomial/);
    const ct = tally(r, [9]);
    for (const S of subsets([1, 2, 3, 5], 3)) assert.deepEqual(decoded(combineDecryptionShares(params, allShares(r, ct, S), 2).plaintext), [9, 0]);
  });
  it('a dealer publishing a masked polynomial that does not match its sharings is excluded', () => {
    const r = dkg({ n: 3, T: 1, tag: 'f3', adversaries: { 1: { wrongMaskedPolynomial: true } } });
    assert.deepEqual(r.authorised, [2, 3]);
  });
  it('a corrupted pk share (not built on the common a) is detected before sharing and excluded', () => {
    const r = dkg({
      n: 4,
      T: 1,
      tag: 'f4',
      adversaries: {
        3: {
          pkShare(s) {
            const p1 = s.p1.clone();
            p1.limbs[0][0] = (p1.limbs[0][0] + 1) % p1.ctx.moduli[0].q;
            return { ...s, p1 };
          },
        },
      },
    });
    assert.deepEqual(r.authorised, [1, 2, 4]);
    assert.match(r.excluded[0].stage, /pk share/);
    const ct = tally(r, [1, 1]);
    assert.deepEqual(decoded(combineDecryptionShares(params, allShares(r, ct, [1, 4]), 1).plaintext), [2, 1]);
  });
  it('a false complaint is refuted by the opening and the accuser is excluded', () => {
    const r = dkg({ n: 4, T: 1, tag: 'f5', adversaries: { 4: { falseComplaints: [1] } } });
    assert.deepEqual(r.authorised, [1, 2, 3]);
    assert.match(r.excluded[0].reason, /reproduces/);
  });
  it('a false codeword complaint is refuted by the accuser\'s own reveal and the accuser is excluded', () => {
    const r = dkg({ n: 4, T: 1, tag: 'f5b', adversaries: { 2: { falseComplaints: [3], falseComplaintReason: ComplaintReason.CodewordMismatch } } });
    assert.deepEqual(r.authorised, [1, 3, 4]);
    assert.match(r.excluded[0].reason, /pass the codeword check/);
  });
  it('a dealer that does not answer a complaint is excluded', () => {
    const r = dkg({
      n: 4,
      T: 1,
      tag: 'f6',
      adversaries: { 1: { silent: true, bundle: (b) => (b.recipient === 2 ? { ...b, recipient: 3 } : b) } },
    });
    assert.deepEqual(r.authorised, [2, 3, 4]);
  });
  it('below quorum the DKG fails with a typed error', () => {
    const bad = { wrongMaskedPolynomial: true };
    assert.throws(() => dkg({ n: 3, T: 1, tag: 'f7', adversaries: { 1: bad, 2: bad } }), QuorumError);
  });
  it('complaint reasons are distinct codes', () => {
    assert.deepEqual(Object.values(ComplaintReason), [1, 2, 3, 4]);
  });
});
