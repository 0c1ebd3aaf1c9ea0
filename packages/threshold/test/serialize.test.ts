import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { DecodeError, MismatchError, SeededSource } from '@interfold/ring';
import {
  DkgParty,
  ComplaintReason,
  ThresholdKeyShare,
  deriveChallenge,
  decryptionShare,
  runDkg,
  ThresholdKind,
  THRESHOLD_FORMAT_VERSION,
} from '../src/index.js';
import * as S from '../src/serialize.js';
import { MEDIUM, SMALL, seeded, session } from './helpers.js';

const params = SMALL.params;
const transport = SMALL.transport;
const sess = session({ n: 3, T: 1, seed: 'serialize' });
const src = seeded('ser');
const parties = [1, 2, 3].map((id) => new DkgParty(sess, id, { src: src(id) }));
const gen = parties.map((p) => p.generate());
const challenge = deriveChallenge(sess, gen.map((g) => g.pkShare), gen.map((g) => g.commitments));
const keys = new Map(parties.map((p) => [p.id, p.transportKey.pk]));
const bundles = parties[0].encryptShares(keys);
const Z = parties[0].maskedPolynomial(challenge);
for (const b of bundles) assert.equal(parties[b.recipient - 1].receive(gen[0].commitments, b, challenge, Z), null);
const complaint = { accuser: 2, dealer: 1, reason: ComplaintReason.CommitmentMismatch } as const;
const opening = parties[0].answerComplaint(complaint)!;
const reveal = parties[1].revealShares(1)!;
const dkg = runDkg(sess, { sources: seeded('ser-dkg') });
const ct = B.encrypt(params, dkg.pk, B.encodeCoeffs(params, [1, 2, 3]), new SeededSource('x', 'test'));
const keyShare = dkg.keyShares.get(2)!;
const dshare = decryptionShare(params, keyShare, ct);

type Case = {
  name: string;
  bytes: Uint8Array;
  decode: (b: Uint8Array) => unknown;
  reencode: (m: any) => Uint8Array;
  /** Offset of a party id (u16) that must be non-zero. */
  idAt: number;
  /** Offset of the first residue (7 bytes, must be < q), if any. */
  residueAt?: number;
  kind: number;
};

const cases: Case[] = [
  {
    name: 'transport public key',
    bytes: S.encodeTransportPublicKey(params, parties[0].transportPublicKey()),
    decode: (b) => S.decodeTransportPublicKey(params, transport, b),
    reencode: (m) => S.encodeTransportPublicKey(params, m),
    idAt: 12,
    residueAt: 30,
    kind: ThresholdKind.TransportPublicKey,
  },
  { name: 'pk share', bytes: S.encodePkShare(params, gen[1].pkShare), decode: (b) => S.decodePkShare(params, b), reencode: (m) => S.encodePkShare(params, m), idAt: 12, residueAt: 14, kind: ThresholdKind.PkShare },
  {
    name: 'share commitments',
    bytes: S.encodeShareCommitments(params, gen[2].commitments),
    decode: (b) => S.decodeShareCommitments(params, b),
    reencode: (m) => S.encodeShareCommitments(params, m),
    idAt: 12,
    kind: ThresholdKind.ShareCommitments,
  },
  {
    name: 'encrypted share bundle',
    bytes: S.encodeEncryptedShareBundle(params, bundles[0]),
    decode: (b) => S.decodeEncryptedShareBundle(params, transport, b),
    reencode: (m) => S.encodeEncryptedShareBundle(params, m),
    idAt: 14,
    residueAt: 34,
    kind: ThresholdKind.EncryptedShareBundle,
  },
  { name: 'complaint', bytes: S.encodeComplaint(params, complaint), decode: (b) => S.decodeComplaint(params, b), reencode: (m) => S.encodeComplaint(params, m), idAt: 12, kind: ThresholdKind.Complaint },
  {
    name: 'share opening',
    bytes: S.encodeShareOpening(params, opening),
    decode: (b) => S.decodeShareOpening(params, transport, b),
    reencode: (m) => S.encodeShareOpening(params, m),
    idAt: 14,
    residueAt: 18,
    kind: ThresholdKind.ShareOpening,
  },
  {
    name: 'masked polynomial',
    bytes: S.encodeMaskedPolynomial(params, Z),
    decode: (b) => S.decodeMaskedPolynomial(params, 1, b),
    reencode: (m) => S.encodeMaskedPolynomial(params, m),
    idAt: 12,
    residueAt: 16,
    kind: ThresholdKind.MaskedPolynomial,
  },
  { name: 'share reveal', bytes: S.encodeShareReveal(params, reveal), decode: (b) => S.decodeShareReveal(params, b), reencode: (m) => S.encodeShareReveal(params, m), idAt: 14, residueAt: 16, kind: ThresholdKind.ShareReveal },
  {
    name: 'decryption share',
    bytes: S.encodeDecryptionShare(params, dshare),
    decode: (b) => S.decodeDecryptionShare(params, b),
    reencode: (m) => S.encodeDecryptionShare(params, m),
    idAt: 12,
    residueAt: 46,
    kind: ThresholdKind.DecryptionShare,
  },
  {
    name: 'threshold key share',
    bytes: S.encodeThresholdKeyShare(params, keyShare),
    decode: (b) => S.decodeThresholdKeyShare(params, b),
    reencode: (m) => S.encodeThresholdKeyShare(params, m),
    idAt: 12,
    residueAt: 26,
    kind: ThresholdKind.ThresholdKeyShare,
  },
];

const edit = (b: Uint8Array, f: (c: Uint8Array) => void) => {
  const c = b.slice();
  f(c);
  return c;
};

describe('threshold message serialisation: canonical round trips and malformed input', () => {
  for (const c of cases) {
    describe(c.name, () => {
      it('round trip is canonical (decode then encode gives the same bytes)', () => {
        assert.deepEqual(c.reencode(c.decode(c.bytes)), c.bytes);
        assert.equal(c.bytes[3], c.kind);
        assert.equal(c.bytes[2], THRESHOLD_FORMAT_VERSION);
      });
      it('truncation at any of several points is a DecodeError', () => {
        const cuts = new Set([0, 3, 11, 12, c.idAt + 1, c.bytes.length >> 1, c.bytes.length - 1]);
        for (const n of cuts) assert.throws(() => c.decode(c.bytes.slice(0, n)), DecodeError, `cut at ${n}`);
      });
      it('trailing bytes, bad magic, unknown version, wrong kind: DecodeError', () => {
        assert.throws(() => c.decode(Uint8Array.from([...c.bytes, 0])), DecodeError);
        assert.throws(() => c.decode(edit(c.bytes, (x) => (x[0] = 0x4a))), /bad magic/);
        assert.throws(() => c.decode(edit(c.bytes, (x) => (x[2] = 2))), /version/);
        assert.throws(() => c.decode(edit(c.bytes, (x) => (x[3] = c.kind === 0x21 ? 0x22 : 0x21))), /Expected/);
      });
      it('another parameter set: MismatchError', () => {
        assert.throws(() => c.decode(edit(c.bytes, (x) => x.set(MEDIUM.params.fingerprint, 4))), MismatchError);
      });
      it('party id 0 is rejected', () => {
        assert.throws(() => c.decode(edit(c.bytes, (x) => ((x[c.idAt] = 0), (x[c.idAt + 1] = 0)))), DecodeError);
      });
      if (c.residueAt !== undefined) {
        it('an out-of-range residue is rejected', () => {
          assert.throws(() => c.decode(edit(c.bytes, (x) => x.fill(0xff, c.residueAt!, c.residueAt! + 7))), /Out-of-range|Invalid/);
        });
      }
    });
  }

  it('message-specific checks', () => {
    // commitments: recipients strictly ascending, never the dealer itself
    const cm = S.encodeShareCommitments(params, { dealer: 1, entries: [{ recipient: 3, digest: new Uint8Array(32) }, { recipient: 2, digest: new Uint8Array(32) }] });
    assert.throws(() => S.decodeShareCommitments(params, cm), /ascending/);
    const self = S.encodeShareCommitments(params, { dealer: 2, entries: [{ recipient: 2, digest: new Uint8Array(32) }] });
    assert.throws(() => S.decodeShareCommitments(params, self), /itself/);
    // complaint: known reasons only, not against oneself
    assert.throws(() => S.decodeComplaint(params, edit(cases[4].bytes, (x) => (x[16] = 9))), /Unknown complaint reason/);
    assert.throws(() => S.decodeComplaint(params, S.encodeComplaint(params, { accuser: 2, dealer: 2, reason: 1 })), /oneself/);
    // bundle: wrong limb count; a bundle to its own dealer
    assert.throws(() => S.decodeEncryptedShareBundle(params, transport, edit(cases[3].bytes, (x) => (x[16] = 3))), /limb count/);
    assert.throws(() => S.decodeEncryptedShareBundle(params, transport, edit(cases[3].bytes, (x) => (x[14] = 1))), /own dealer/);
    // nested transport ciphertext of another set
    assert.throws(() => S.decodeEncryptedShareBundle(params, MEDIUM.transport, cases[3].bytes), MismatchError);
    // opening: randomness out of its bound (u must be ternary)
    const opBytes = cases[5].bytes;
    const uAt = 18 + 3 * params.L * params.N * 7;
    assert.throws(() => S.decodeShareOpening(params, transport, edit(opBytes, (x) => (x[uAt] = 2))), /u out of range/);
    assert.throws(() => S.decodeShareOpening(params, transport, edit(opBytes, (x) => (x[uAt + params.N] = 22))), /e0 out of range/);
    assert.throws(() => S.decodeShareOpening(params, transport, edit(opBytes, (x) => (x[16] = 5))), /randomness count/);
    // masked polynomial: exactly T + 1 coefficients
    assert.throws(() => S.decodeMaskedPolynomial(params, 2, cases[6].bytes), /wrong degree/);
    // key share: committee sanity, the party must be in A, flag 0/1
    const ks = cases[9].bytes;
    assert.throws(() => S.decodeThresholdKeyShare(params, edit(ks, (x) => (x[16] = 3))), /invalid committee/);
    const outsider = new ThresholdKeyShare(3, 3, 1, [1, 2], params.ring.zero(false), params.ring.zero(false));
    assert.throws(() => S.decodeThresholdKeyShare(params, S.encodeThresholdKeyShare(params, outsider)), /not in its authorised set/);
    assert.throws(() => S.decodeThresholdKeyShare(params, edit(ks, (x) => (x[22] = 1))), /ascending/);
    assert.throws(() => S.decodeThresholdKeyShare(params, edit(ks, (x) => (x[x.length - 33] = 2))), /flag/);
  });

  it('a key share restored from bytes keeps its one-ciphertext binding', () => {
    const restored = S.decodeThresholdKeyShare(params, S.encodeThresholdKeyShare(params, keyShare));
    assert.ok(restored instanceof ThresholdKeyShare);
    assert.deepEqual(restored.consumedBy, dshare.ctDigest);
    assert.ok(decryptionShare(params, restored, ct).d.equals(dshare.d));
    const other = B.encrypt(params, dkg.pk, B.encodeCoeffs(params, [4]), new SeededSource('y', 'test'));
    assert.throws(() => decryptionShare(params, restored, other), /another ciphertext/);
  });
});
