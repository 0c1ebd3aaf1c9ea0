/**
 * One valid payload of every phase (n = 3, T = 1), built with threshold's own objects: at
 * INSECURE_N512, and at a fuzzing-only INSECURE_FUZZ_N16 set (same moduli, N = 16: the decoders
 * run the same code on 32× smaller inputs, so ≥ 10^5 fuzz inputs per decoder fit in a test).
 */
import { bfvParameters, encodeCoeffs, encrypt, INSECURE_N512, INSECURE_TRANSPORT_N512 } from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import * as S from '@interfold/threshold';
import { ComplaintReason, decryptionShare, deriveChallenge, DkgParty, runDkg, Session } from '@interfold/threshold';
import { keccak256, type Hex } from 'viem';
import { Phase } from '../src/types.js';
import { encodeComplaints, encodeDisputeAnswer, encodeDecryptionAttestation,
  encodeKeySharesAttestation, encodePkShareSignature, encodeOutputRejection, encodePkAttestation, encodeCommitteeMasks, type PayloadContext } from '../src/wire/index.js';

export const params = bfvParameters(INSECURE_N512);
export const transport = bfvParameters(INSECURE_TRANSPORT_N512);
export const payloadCtx: PayloadContext = { params, transport, n: 3, T: 1 };

const fuzzParams = bfvParameters({ ...INSECURE_N512, name: 'INSECURE_FUZZ_N16', N: 16, security: 'INSECURE: decoder fuzzing only' });
const fuzzTransport = bfvParameters({ ...INSECURE_TRANSPORT_N512, name: 'INSECURE_FUZZ_TRANSPORT_N16', N: 16, security: 'INSECURE: decoder fuzzing only' });
export const fuzzCtx: PayloadContext = { params: fuzzParams, transport: fuzzTransport, n: 3, T: 1 };

const SIG: Hex = `0x${'11'.repeat(32)}${'22'.repeat(32)}1b`;

const cached = new Map<PayloadContext, Map<Phase, Uint8Array>>();

export function validPayloads(ctx: PayloadContext = payloadCtx): Map<Phase, Uint8Array> {
  const hit = cached.get(ctx);
  if (hit) return hit;
  const { params, transport } = ctx;
  const session = new Session({ params, transport, n: 3, T: 1, seed: 'wire-fixtures', maxInputs: 1, lambda: params.N < 512 ? 1 : 30 });
  const parties = [1, 2, 3].map((id) => new DkgParty(session, id, { src: new SeededSource(`wire/${id}`, 'test/wire') }));
  const gen = parties.map((p) => p.generate());
  const challenge = deriveChallenge(session, gen.map((g) => g.pkShare), gen.map((g) => g.commitments));
  const keys = new Map(parties.map((p) => [p.id, p.transportKey.pk]));
  const bundles = parties[0].encryptShares(keys);
  const Z = parties[0].maskedPolynomial(challenge);
  parties[1].receive(gen[0].commitments, bundles[0], challenge, Z);
  const complaint = { accuser: 2, dealer: 1, reason: ComplaintReason.CommitmentMismatch };
  const opening = parties[0].answerComplaint(complaint)!;
  const reveal = parties[1].revealShares(1)!;
  const dkg = runDkg(session, { sources: (id) => new SeededSource(`wire-dkg/${id}`, 'test/wire') });
  const ct = encrypt(params, dkg.pk, encodeCoeffs(params, [5]), new SeededSource('wire-ct', 'test/wire'));
  const share = decryptionShare(params, dkg.keyShares.get(1)!, ct);
  const h = keccak256('0x01');
  // The depth ≥ 1 rounds (core/rlk.ts): one member's rlk shares and its masks.
  const rlk = new S.RlkProtocol(params, S.rlkCommonPolys(params, 'wire-fixtures'));
  const rsrc = new SeededSource('wire-rlk', 'test/wire');
  const u = rlk.genEphemeral(rsrc);
  const rlk1 = rlk.genShareRound1(1, parties[0].witness.skContribution, u, rsrc).share;
  const rlk2 = rlk.genShareRound2(1, parties[0].witness.skContribution, u, rlk.aggregateRound1([rlk1]), rsrc).share;
  const out = new Map<Phase, Uint8Array>([
    [Phase.TransportKey, S.encodeTransportPublicKey(params, parties[0].transportPublicKey())],
    [Phase.PkShare, S.encodePkShare(params, gen[0].pkShare)],
    [Phase.ShareCommitments, S.encodeShareCommitments(params, gen[0].commitments)],
    [Phase.ShareBundle, S.encodeEncryptedShareBundle(params, bundles[0])],
    [Phase.MaskedPolynomial, S.encodeMaskedPolynomial(params, Z)],
    [Phase.Complaints, encodeComplaints(params, [{ complaint, evidence: new Uint8Array([1, 2, 3]) }])],
    [Phase.ShareOpening, encodeDisputeAnswer(params, { opening, bundle: bundles[0] })],
    [Phase.ShareReveal, S.encodeShareReveal(params, reveal)],
    [Phase.PkAttestation, encodePkAttestation({ pkCommitment: h, pkHash: h, signature: SIG })],
    [Phase.DecryptionShare, S.encodeDecryptionShare(params, share)],
    [Phase.OutputRejection, encodeOutputRejection({ ciphertextHash: h, signature: SIG })],
    [Phase.DecryptionAttestation, encodeDecryptionAttestation({ ciphertextCommitment: h, plaintextHash: h, signature: SIG })],
    [Phase.KeySharesAttestation, encodeKeySharesAttestation({ tableHash: h, signature: SIG })],
    [Phase.PkShareSignature, encodePkShareSignature({ pkShareCommitment: h, signature: SIG })],
    [Phase.RlkRound1, S.encodeRlkRound1Share(params, rlk1)],
    [Phase.RlkRound2, S.encodeRlkRound2Share(params, rlk2)],
    [Phase.CommitteeMasks, encodeCommitteeMasks({ member: 1, ciphertexts: [ct, ct] })],
  ]);
  cached.set(ctx, out);
  return out;
}
