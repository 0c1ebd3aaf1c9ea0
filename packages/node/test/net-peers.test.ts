/**
 * Three real libp2p nodes on 127.0.0.1 (tcp, noise, yamux, identify, gossipsub) plus a raw
 * libp2p peer that sends forged records and garbage frames.
 */
import '../src/net/polyfill.js';
import { describe, it, before, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { createLibp2p, type Libp2p } from 'libp2p';
import { tcp } from '@libp2p/tcp';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { identify } from '@libp2p/identify';
import { gossipsub, type GossipSub } from '@libp2p/gossipsub';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import type { Hex } from 'viem';
import {
  DIRECT_PROTOCOL,
  FrameTooLargeError,
  NetError,
  PeerNetwork,
  PeerRecordError,
  SYNC_PROTOCOL,
  SyncRemoteError,
  SyncTimeoutError,
  UnknownPeerError,
  signPeerRecord,
  verifyPeerRecord,
  type DirectEvent,
  type GossipEvent,
} from '../src/net/index.js';

const CHAIN = 31337;

/** Poll until `cond` holds (readiness of the mesh, not a timing assertion). */
async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Node = { net: PeerNetwork; operatorKey: Hex; address: Hex; gossip: GossipEvent[]; direct: DirectEvent[] };
async function startNode(bootstrap: string[]): Promise<Node> {
  const operatorKey = generatePrivateKey();
  const net = await PeerNetwork.start({
    chainId: CHAIN,
    peerKey: await generateKeyPair('Ed25519'),
    operatorKey,
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap,
    announceIntervalMs: 1000,
    redialIntervalMs: 500,
  });
  const n: Node = { net, operatorKey, address: privateKeyToAddress(operatorKey), gossip: [], direct: [] };
  net.on('gossip', (e) => n.gossip.push(e));
  net.on('direct', (e) => n.direct.push(e));
  return n;
}

let A: Node, B: Node, C: Node;
let raw: Libp2p<{ identify: ReturnType<ReturnType<typeof identify>>; pubsub: GossipSub }>;

before(async () => {
  A = await startNode([]);
  B = await startNode([A.net.multiaddrs()[0]]);
  C = await startNode([A.net.multiaddrs()[0], B.net.multiaddrs()[0]]);
  raw = await createLibp2p({
    privateKey: await generateKeyPair('Ed25519'),
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify(), pubsub: gossipsub({ allowPublishToZeroTopicPeers: true }) },
  });
});
after(async () => {
  await Promise.all([A?.net.stop(), B?.net.stop(), C?.net.stop(), raw?.stop()]);
});

describe('peer network (3 libp2p nodes on 127.0.0.1)', () => {
  it('signed peer records bind operator addresses to peer ids on every node', async () => {
    const all = [A, B, C];
    await until(() => all.every((x) => all.every((y) => x === y || x.net.peerOf(y.address) === y.net.peerId)), 'peer records');
    assert.equal(B.net.addressOf(A.net.peerId)?.toLowerCase(), A.address.toLowerCase());
    assert.equal(C.net.peerOf('0x' + '00'.repeat(20) as Hex), undefined);
    await assert.rejects(C.net.sendDirect('0x' + '00'.repeat(20), Uint8Array.of(1)), UnknownPeerError);
  });

  it('gossip on a per-E3 topic reaches the subscribers; oversized gossip is refused', async () => {
    for (const n of [A, B, C]) n.net.subscribeE3(7n);
    await until(() => A.net.topicPeers(7n).length === 2 && B.net.topicPeers(7n).length >= 1 && C.net.topicPeers(7n).length >= 1, 'topic mesh');
    const msg = new TextEncoder().encode('hello e3 7');
    await until(async () => {
      if (B.gossip.length && C.gossip.length) return true;
      await A.net.publish(7n, msg);
      await new Promise((r) => setTimeout(r, 200));
      return B.gossip.length > 0 && C.gossip.length > 0;
    }, 'gossip delivery');
    assert.deepEqual(B.gossip[0], { e3Id: 7n, from: A.net.peerId, data: msg });
    assert.equal(C.gossip[0].from, A.net.peerId);
    assert.equal(A.gossip.length, 0, 'no echo to self');
    await assert.rejects(A.net.publish(7n, new Uint8Array(256 * 1024 + 1)), FrameTooLargeError);
    assert.ok(A.net.counters.messagesOut.gossip >= 1 && B.net.counters.messagesIn.gossip >= 1);
  });

  it('sendDirect: 4 MiB by operator address, byte-exact', async () => {
    const payload = randomBytes(4 * 1024 * 1024);
    await B.net.sendDirect(C.address, payload);
    await until(() => C.direct.length === 1, 'direct delivery');
    assert.equal(C.direct[0].from, B.net.peerId);
    assert.equal(createHash('sha256').update(C.direct[0].data).digest('hex'), createHash('sha256').update(payload).digest('hex'));
    assert.ok(C.net.counters.bytesIn >= payload.length && B.net.counters.bytesOut >= payload.length);
  });

  it('sync request/response: handler answers; failures and timeouts are typed', async () => {
    C.net.handleSync(async (from, req) => {
      const text = new TextDecoder().decode(req);
      if (text === 'fail') throw new Error('cannot serve');
      if (text === 'hang') return new Promise<Uint8Array>(() => undefined);
      return new TextEncoder().encode(`${from === B.net.peerId ? 'B' : '?'}:${text}`);
    });
    assert.equal(new TextDecoder().decode(await B.net.request(C.address, new TextEncoder().encode('missed 7/3..9'))), 'B:missed 7/3..9');
    await assert.rejects(B.net.request(C.net.peerId, new TextEncoder().encode('fail')), SyncRemoteError);
    await assert.rejects(B.net.request(A.net.peerId, new TextEncoder().encode('x')), /could not serve/); // A has no handler
    await assert.rejects(B.net.request(C.net.peerId, new TextEncoder().encode('hang'), 300), SyncTimeoutError);
    await assert.rejects(B.net.request(C.net.peerId, new Uint8Array(64 * 1024 + 1)), FrameTooLargeError);
    await assert.rejects(B.net.request(raw.peerId.toString(), Uint8Array.of(1), 2000), NetError); // not dialable: typed
    // still serves after all that
    assert.equal(new TextDecoder().decode(await B.net.request(C.address, new TextEncoder().encode('again'))), 'B:again');
  });

  it('peer records: forged, replayed by another peer, or for another chain are rejected', async () => {
    const aRecord = await verifyPeerRecord(await signPeerRecord(A.operatorKey, { chainId: CHAIN, seq: 1n, peerId: A.net.peerId, multiaddrs: [] }), CHAIN);
    assert.equal(aRecord.address.toLowerCase(), A.address.toLowerCase());
    const mallory = generatePrivateKey();
    const forged = await signPeerRecord(mallory, { chainId: CHAIN, seq: 2n ** 62n, peerId: raw.peerId.toString(), multiaddrs: [] });
    // claim A's address in mallory's record: the signature no longer matches
    const body = forged.slice();
    body.set(Buffer.from(A.address.slice(2), 'hex'), 5 + 24 + 8);
    await assert.rejects(verifyPeerRecord(body, CHAIN), PeerRecordError);
    await assert.rejects(verifyPeerRecord(forged, CHAIN + 1), /another chain/);
    const otherChain = await signPeerRecord(mallory, { chainId: CHAIN + 1, seq: 1n, peerId: raw.peerId.toString(), multiaddrs: [] });
    const replayOfA = await signPeerRecord(A.operatorKey, { chainId: CHAIN, seq: 2n ** 62n, peerId: A.net.peerId, multiaddrs: [] });

    await raw.dial(multiaddr(A.net.multiaddrs()[0]));
    raw.services.pubsub.subscribe(A.net.recordsTopic);
    await until(() => raw.services.pubsub.getSubscribers(A.net.recordsTopic).some((p) => p.toString() === A.net.peerId), 'raw peer on the records topic');
    const before = A.net.counters.dropped.badRecord;
    for (const bad of [body, otherChain, replayOfA, randomBytes(200), new Uint8Array(0)]) await raw.services.pubsub.publish(A.net.recordsTopic, bad).catch(() => undefined);
    await until(() => A.net.counters.dropped.badRecord >= before + 4, 'records rejected');
    assert.equal(A.net.peerOf(A.address), undefined, 'A holds no record claiming its own address from someone else');
    assert.equal(B.net.peerOf(A.address), A.net.peerId);
    assert.equal(A.net.addressOf(raw.peerId.toString()), undefined);
  });

  it('garbage frames and raw bytes from a peer crash nothing; the node keeps serving', async () => {
    const send = async (protocol: string, chunks: Uint8Array[], close = true) => {
      const s = await raw.dialProtocol(peerIdFromString(A.net.peerId), protocol);
      for (const c of chunks) s.send(c);
      if (close) await s.close().catch(() => undefined);
      else s.abort(new Error('bye'));
    };
    const header = (n: number) => {
      const h = new Uint8Array(4);
      new DataView(h.buffer).setUint32(0, n);
      return h;
    };
    const dropped = () => Object.values(A.net.counters.dropped).reduce((a, b) => a + b, 0);
    const d0 = dropped();
    await send(DIRECT_PROTOCOL, [header(0xffffffff)]); // announces 4 GiB
    await send(DIRECT_PROTOCOL, [header(100), randomBytes(10)]); // truncated
    await send(DIRECT_PROTOCOL, [Uint8Array.of(1, 2)]); // truncated header
    await send(DIRECT_PROTOCOL, [header(3), randomBytes(50)]); // trailing bytes
    await send(DIRECT_PROTOCOL, [header(1000), randomBytes(500)], false); // reset mid-frame
    await send(SYNC_PROTOCOL, [header(1 << 30)]);
    await send(SYNC_PROTOCOL, [randomBytes(3)]);
    for (let i = 0; i < 20; i++) await send(DIRECT_PROTOCOL, [randomBytes(1 + (i * 37) % 64)]);
    await until(() => dropped() >= d0 + 6, 'garbage dropped');
    // raw TCP garbage at the listening socket (fails the multistream/noise handshake)
    const port = Number(multiaddr(A.net.multiaddrs()[0]).getComponents().find((c) => c.name === 'tcp')?.value);
    await new Promise<void>((resolve) => {
      const sock = connect(port, '127.0.0.1', () => sock.end(randomBytes(4096)));
      sock.on('error', () => resolve());
      sock.on('close', () => resolve());
    });
    // garbage gossip on an E3 topic is delivered as opaque bytes (the wire layer rejects it), never parsed here
    raw.services.pubsub.subscribe(A.net.e3Topic(7n));
    await until(() => raw.services.pubsub.getSubscribers(A.net.e3Topic(7n)).length > 0, 'raw on e3 topic');
    const g0 = A.gossip.length;
    await raw.services.pubsub.publish(A.net.e3Topic(7n), randomBytes(100));
    await until(() => A.gossip.length > g0, 'garbage gossip delivered as bytes');
    // A still serves
    const after = randomBytes(1024);
    const n0 = A.direct.length;
    await B.net.sendDirect(A.net.peerId, after);
    await until(() => A.direct.length === n0 + 1, 'direct after garbage');
    assert.deepEqual(A.direct.at(-1)?.data, new Uint8Array(after));
    assert.ok(A.direct.every((d) => d.from !== raw.peerId.toString()), 'no garbage frame was delivered');
  });
});
