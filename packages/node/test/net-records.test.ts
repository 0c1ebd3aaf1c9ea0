/** Peer-record codec and inbound budgets without sockets: round trip, fuzz, limits. */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { PeerBudgets, PeerRecordError, RateLimitedError, signPeerRecord, verifyPeerRecord } from '../src/net/index.js';

const key = generatePrivateKey();
const peerId = peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString();
const addrs = [`/ip4/127.0.0.1/tcp/9000/p2p/${peerId}`, '/ip6/::1/tcp/9001'];
const record = await signPeerRecord(key, { chainId: 5, seq: 42n, peerId, multiaddrs: addrs });

describe('signed peer records', () => {
  it('round trip recovers the operator address', async () => {
    const r = await verifyPeerRecord(record, 5);
    assert.deepEqual(r, { chainId: 5, address: privateKeyToAddress(key), seq: 42n, peerId, multiaddrs: addrs });
  });
  it('random bytes, bit flips and truncations → PeerRecordError only; never a different record', async () => {
    // xorshift32: reproducible public mutations
    let s = 0x2545f491;
    const next = () => {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>>= 0);
    };
    let accepted = 0;
    for (let i = 0; i < 1200; i++) {
      let b: Uint8Array;
      if (i % 3 === 0) b = Uint8Array.from({ length: next() % 300 }, () => next() & 0xff);
      else if (i % 3 === 1) {
        b = record.slice();
        b[next() % b.length] ^= 1 << (next() % 8);
      } else b = record.slice(0, next() % record.length);
      try {
        const r = await verifyPeerRecord(b, 5);
        // every byte is covered by the length checks or the signature: nothing mutated is accepted
        accepted++;
        assert.fail(`accepted a mutated record from ${r.address}`);
      } catch (e) {
        assert.ok(e instanceof PeerRecordError, `untyped ${String(e)}`);
      }
    }
    assert.equal(accepted, 0);
  });
  it('another chain, unknown version, oversized length are typed errors', async () => {
    await assert.rejects(verifyPeerRecord(record, 6), /another chain/);
    const v2 = record.slice();
    v2[0] = 2;
    await assert.rejects(verifyPeerRecord(v2, 5), /version/);
    const big = record.slice();
    new DataView(big.buffer).setUint32(1, 0xffffffff);
    await assert.rejects(verifyPeerRecord(big, 5), PeerRecordError);
  });
});

describe('per-peer inbound budgets', () => {
  it('charges messages and bytes per window, per peer; resets with the window', () => {
    let t = 0;
    const b = new PeerBudgets({ windowMs: 1000, messages: 3, bytes: 100 }, () => t);
    b.charge('p', 10);
    b.charge('p', 10);
    b.charge('p', 10);
    assert.throws(() => b.charge('p', 1), RateLimitedError);
    b.charge('q', 100);
    assert.throws(() => b.charge('q', 1), RateLimitedError);
    t = 1000;
    b.charge('p', 50);
    assert.throws(() => b.charge('p', 51), RateLimitedError);
  });
});
