/**
 * The daemon's inbound gate: every check of the wire layer runs before a message reaches the log
 * or the core. Malformed, truncated, oversized, wrongly signed, non-member, wrong-E3 and replayed
 * bytes are dropped with their reason; bytes for an E3 whose committee is not known yet are held
 * and released when it is. Plus the log-record codec and the sync-response framing (round trips,
 * hostile bytes → typed errors).
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { INSECURE_N512 } from '@interfold/bfv';
import { paramSetId } from '@interfold/contracts';
import { bytesToHex, hexToBytes, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { InboundGate, LogRecordError, decodeInput, decodeSyncResponse, encodeInput, encodeSyncResponse, e3IdOfEnvelope } from '../src/daemon/index.js';
import { Phase, type CoreInput } from '../src/types.js';
import { WIRE_VERSION, encodeEnvelope, signEnvelope, slotOf, MalformedEnvelopeError, type UnsignedEnvelope } from '../src/wire/index.js';

const chainId = 31337;
const orchestrator = '0x00000000000000000000000000000000000000a1' as Address;
const slashingManager = '0x00000000000000000000000000000000000000b2' as Address;
const keys = [generatePrivateKey(), generatePrivateKey(), generatePrivateKey()];
const members = keys.map((k) => privateKeyToAccount(k).address);
const outsiderKey = generatePrivateKey();
const PS = paramSetId(INSECURE_N512.name);

function envelope(opts: { key?: `0x${string}`; sender?: Address; e3Id?: bigint; payload?: Uint8Array; chain?: number } = {}): Uint8Array {
  const key = opts.key ?? keys[0];
  const u: UnsignedEnvelope = {
    version: WIRE_VERSION,
    chainId: opts.chain ?? chainId,
    orchestrator,
    e3Id: opts.e3Id ?? 7n,
    phase: Phase.TransportKey,
    slot: slotOf(Phase.TransportKey),
    sender: opts.sender ?? privateKeyToAccount(key).address,
    payload: opts.payload ?? new Uint8Array([1, 2, 3]),
    proof: new Uint8Array(0),
  };
  return encodeEnvelope(signEnvelope(u, slashingManager, hexToBytes(key)));
}

function gate(): InboundGate {
  const g = new InboundGate({ chainId, orchestrator, slashingManager });
  g.open(7n, PS, members, 1);
  return g;
}

describe('daemon: inbound gate', () => {
  it('accepts a member-signed envelope once; its replay is a duplicate', () => {
    const g = gate();
    const bytes = envelope();
    const v = g.check(7n, bytes);
    assert.ok('ok' in v && v.ok);
    assert.equal(v.message.sender.toLowerCase(), members[0].toLowerCase());
    assert.deepEqual(g.check(7n, bytes), { ok: false, reason: 'duplicate' });
  });

  it('drops wrongly signed, non-member, wrong-chain, wrong-E3, truncated and oversized bytes with a reason', () => {
    const g = gate();
    // Signed by a key that is not the claimed sender.
    const forged = envelope({ key: outsiderKey, sender: members[1] });
    assert.deepEqual(g.check(7n, forged), { ok: false, reason: 'SignatureError' });
    // A tampered payload byte invalidates the signature.
    const tampered = envelope();
    tampered[tampered.length - 70] ^= 1;
    assert.deepEqual(g.check(7n, tampered), { ok: false, reason: 'SignatureError' });
    // A correctly signed message from outside the committee.
    assert.deepEqual(g.check(7n, envelope({ key: outsiderKey })), { ok: false, reason: 'UnknownSenderError' });
    assert.deepEqual(g.check(7n, envelope({ chain: 1 })), { ok: false, reason: 'WrongContextError' });
    // Routed to E3 7 but made for E3 8.
    assert.deepEqual(g.check(7n, envelope({ e3Id: 8n })), { ok: false, reason: 'WrongContextError' });
    assert.deepEqual(g.check(7n, envelope().subarray(0, 40)), { ok: false, reason: 'MalformedEnvelopeError' });
    const big = envelope({ payload: new Uint8Array(4 * 1024 * 1024) });
    assert.deepEqual(g.check(7n, big), { ok: false, reason: 'OversizeError' });
    const v2 = envelope();
    v2[0] = 9;
    assert.deepEqual(g.check(7n, v2), { ok: false, reason: 'VersionError' });
  });

  it('random and bit-flipped bytes are always dropped with a typed reason (never a throw)', () => {
    const g = gate();
    const good = envelope();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => {
        const v = g.check(7n, b);
        assert.ok('ok' in v && !v.ok);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length * 8 - 1 }), (bit) => {
        const b = good.slice();
        b[bit >> 3] ^= 1 << (bit & 7);
        const v = g.check(7n, b);
        assert.ok('ok' in v && !v.ok, `bit ${bit} accepted`);
      }),
      { numRuns: 1000 },
    );
  });

  it('holds bytes of an E3 whose committee is unknown and releases them when it is', () => {
    const g = new InboundGate({ chainId, orchestrator, slashingManager });
    const bytes = envelope();
    assert.deepEqual(g.check(7n, bytes), { held: true });
    const held = g.open(7n, PS, members, 1);
    assert.equal(held.length, 1);
    const v = g.check(7n, held[0]);
    assert.ok('ok' in v && v.ok);
    g.close(7n);
    assert.equal(g.isOpen(7n), false);
  });
});

describe('daemon: log records and sync framing', () => {
  it('CoreInput round-trips through the log codec (bigint, bytes, nested)', () => {
    const inputs: CoreInput[] = [
      { kind: 'timer', now: 5, e3Id: 3n, name: 'dkg:c0' },
      { kind: 'signed', now: 6, e3Id: 2n ** 200n, id: 'pk', signer: members[0], signature: '0x1234' },
      {
        kind: 'message',
        now: 7,
        message: { version: 1, chainId, orchestrator, e3Id: 9n, phase: Phase.PkShare, slot: slotOf(Phase.PkShare), sender: members[1], payload: new Uint8Array([0, 255, 7]), proof: new Uint8Array(0), signature: '0xab' },
      },
    ];
    for (const i of inputs) assert.deepEqual(decodeInput(encodeInput(i)), i);
  });

  it('a corrupt log record is a LogRecordError', () => {
    for (const bad of ['', '{', '{"kind":"x","now":1}', '{"kind":"timer"}', '{"kind":"timer","now":1,"e3Id":{"$n":"1x"}}', '{"kind":"timer","now":1,"p":{"$b":"zz"}}']) {
      assert.throws(() => decodeInput(new TextEncoder().encode(bad)), LogRecordError, bad);
    }
    assert.throws(() => decodeInput(new Uint8Array([0xff, 0xfe])), LogRecordError);
  });

  it('sync responses round-trip; truncated or padded ones are typed errors', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }), (list) => {
        const enc = encodeSyncResponse(list);
        assert.deepEqual(decodeSyncResponse(enc), list);
        if (enc.length > 4) assert.throws(() => decodeSyncResponse(enc.subarray(0, enc.length - 1)), MalformedEnvelopeError);
        const padded = new Uint8Array(enc.length + 1);
        padded.set(enc);
        assert.throws(() => decodeSyncResponse(padded), MalformedEnvelopeError);
      }),
      { numRuns: 300 },
    );
    assert.throws(() => decodeSyncResponse(new Uint8Array([0xff, 0xff, 0xff, 0xff])), MalformedEnvelopeError);
    assert.equal(e3IdOfEnvelope(envelope({ e3Id: 12345n })), 12345n);
    assert.throws(() => e3IdOfEnvelope(new Uint8Array(10)), MalformedEnvelopeError);
    void bytesToHex;
  });
});
