/** The signed envelope and the payload codecs: round trips, and each tampering → its typed error. */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { hexToBytes, keccak256, getAddress, type Address } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { Phase, type PeerMessage, type ProofSystem } from '../src/types.js';
import {
  decodeEnvelope,
  decodePayload,
  encodeEnvelope,
  envelopeContext,
  MalformedEnvelopeError,
  noProofsYet,
  OversizeError,
  PayloadError,
  ProofError,
  SignatureError,
  signEnvelope,
  slotOf,
  UnknownPhaseError,
  UnknownSenderError,
  VersionError,
  verifyEnvelope,
  verifyMessage,
  verifyProofSlot,
  WIRE_VERSION,
  WireError,
  WrongContextError,
  type MessageContext,
} from '../src/wire/index.js';
import * as S from '@interfold/threshold';
import { params, payloadCtx, validPayloads } from './wire-fixtures.js';

const keys = [1, 2, 3].map((i) => hexToBytes(keccak256(new TextEncoder().encode(`wire-${i}`))));
const members: Address[] = keys.map((k) => privateKeyToAddress(`0x${Buffer.from(k).toString('hex')}`));
const ORCH = getAddress('0x00000000000000000000000000000000000000a1');
const SLASH = getAddress('0x00000000000000000000000000000000000000a2');
const ctx: MessageContext = {
  ...envelopeContext({ chainId: 31337, orchestrator: ORCH, slashingManager: SLASH, e3Id: 9n, committee: members }, payloadCtx),
  payload: payloadCtx,
  proofs: noProofsYet,
};

function signed(phase: Phase, payload: Uint8Array, o: Partial<PeerMessage> = {}, key = keys[0]): PeerMessage {
  return signEnvelope(
    { version: WIRE_VERSION, chainId: 31337, orchestrator: ORCH, e3Id: 9n, phase, slot: slotOf(phase, 0), sender: members[0], payload, proof: new Uint8Array(0), ...o },
    SLASH,
    key,
  );
}

describe('wire: round trips', () => {
  it('every phase: sign → encode → verify → typed payload → re-encode gives the same bytes', () => {
    const payloads = validPayloads();
    assert.equal(payloads.size, Object.keys(Phase).length);
    for (const [phase, payload] of payloads) {
      const bytes = encodeEnvelope(signed(phase, payload));
      const v = verifyMessage(bytes, ctx);
      assert.equal(v.party, 1);
      assert.equal(v.payload.phase, phase);
      assert.deepEqual(decodeEnvelope(bytes).payload, payload);
      assert.deepEqual(encodeEnvelope(v.message), bytes);
    }
    const pk = decodePayload(Phase.PkShare, payloads.get(Phase.PkShare) as Uint8Array, payloadCtx);
    assert.ok(pk.phase === Phase.PkShare && S.equalBytes(S.encodePkShare(params, pk.value), payloads.get(Phase.PkShare) as Uint8Array));
  });
});

describe('wire: tampering is a typed error', () => {
  const payload = validPayloads().get(Phase.PkAttestation) as Uint8Array;
  const good = () => encodeEnvelope(signed(Phase.PkAttestation, payload));
  const expect = (bytes: Uint8Array, E: new (...a: never[]) => WireError) => assert.throws(() => verifyMessage(bytes, ctx), E);

  it('a flipped signature byte', () => {
    const b = good();
    b[b.length - 10] ^= 1;
    expect(b, SignatureError);
  });
  it('a non-canonical recovery byte', () => {
    const b = good();
    b[b.length - 1] = 29;
    expect(b, SignatureError);
  });
  it('another member as sender (signature by member 1)', () => {
    const m = signed(Phase.PkAttestation, payload);
    expect(encodeEnvelope({ ...m, sender: members[1] }), SignatureError);
  });
  it('a sender outside the committee', () => {
    const outsider = hexToBytes(keccak256(new TextEncoder().encode('outsider')));
    const m = signed(Phase.PkAttestation, payload, { sender: privateKeyToAddress(`0x${Buffer.from(outsider).toString('hex')}`) }, outsider);
    expect(encodeEnvelope(m), UnknownSenderError);
  });
  it('another E3, chain or orchestrator', () => {
    expect(encodeEnvelope(signed(Phase.PkAttestation, payload, { e3Id: 10n })), WrongContextError);
    expect(encodeEnvelope(signed(Phase.PkAttestation, payload, { chainId: 1 })), WrongContextError);
    expect(encodeEnvelope(signed(Phase.PkAttestation, payload, { orchestrator: SLASH })), WrongContextError);
  });
  it('an e3Id changed after signing', () => {
    const b = good();
    b[1 + 8 + 20 + 31] ^= 1; // last byte of e3Id
    expect(b, WrongContextError);
  });
  it('an unknown phase, or a slot of another phase', () => {
    expect(encodeEnvelope(signed(99 as Phase, payload, { slot: 99n << 32n })), UnknownPhaseError);
    expect(encodeEnvelope(signed(Phase.PkAttestation, payload, { slot: slotOf(Phase.DecryptionShare) })), UnknownPhaseError);
  });
  it('a phase changed after signing (same size class)', () => {
    const b = good();
    b[1 + 8 + 20 + 32] = Phase.DecryptionAttestation;
    expect(b, UnknownPhaseError);
  });
  it('oversize for its phase, and above the absolute limit', () => {
    const big = new Uint8Array(ctx.limits[Phase.PkAttestation] + 1);
    expect(encodeEnvelope(signed(Phase.PkAttestation, big)), OversizeError);
    assert.throws(() => verifyEnvelope(new Uint8Array(256 * 1024 * 1024 + 1), ctx), OversizeError);
  });
  it('another version; truncated; trailing bytes', () => {
    const b = good();
    b[0] = 2;
    expect(b, VersionError);
    expect(good().subarray(0, 100), MalformedEnvelopeError);
    const long = new Uint8Array(good().length + 1);
    long.set(good());
    expect(long, MalformedEnvelopeError);
  });
  it('a signed payload that does not decode as its phase', () => {
    expect(encodeEnvelope(signed(Phase.PkShare, new Uint8Array([1, 2, 3]))), PayloadError);
    expect(encodeEnvelope(signed(Phase.PkAttestation, validPayloads().get(Phase.OutputRejection) as Uint8Array)), PayloadError);
  });
  it('a proof where the phase has none (NO_PROOF_YET); a REQUIRED phase without one; a rejecting verifier at the gate', async () => {
    expect(encodeEnvelope(signed(Phase.PkAttestation, payload, { proof: new Uint8Array([1]) })), ProofError);
    const strict: ProofSystem = { name: 'reject-all', policy: () => 'REQUIRED', prove: async () => new Uint8Array([1]), verify: async () => 'rejected by the test verifier' };
    // The core's synchronous check: a REQUIRED phase needs a non-empty slot.
    assert.throws(() => verifyMessage(good(), { ...ctx, proofs: strict }), ProofError);
    // The gate's asynchronous check: missing, rejected, and a verifier that throws all reject.
    const pctx = { session: new S.Session({ ...payloadCtx, seed: 'wire-proof', maxInputs: 1, lambda: 30 }), party: 1 };
    const m = verifyEnvelope(encodeEnvelope(signed(Phase.PkAttestation, payload, { proof: new Uint8Array([1]) })), ctx);
    assert.equal(await verifyProofSlot(strict, m, pctx), 'rejected by the test verifier');
    assert.equal(await verifyProofSlot(strict, { ...m, proof: new Uint8Array(0) }, pctx), 'missing proof');
    const throwing: ProofSystem = { ...strict, verify: async () => { throw new Error('boom'); } };
    assert.match((await verifyProofSlot(throwing, m, pctx)) ?? '', /boom/);
    assert.match((await verifyProofSlot(noProofsYet, m, pctx)) ?? '', /must be empty/);
  });
});
