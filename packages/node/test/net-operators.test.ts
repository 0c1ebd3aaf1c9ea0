/**
 * Peer records and E3 topics restricted to operators (issue 8, session-3 gap 2): three real
 * libp2p nodes on 127.0.0.1. A and B are registered operators (the `isOperator` look-up every
 * node is given says so), C is not: everyone drops C's peer record (counter, onDrop) and keeps
 * A's and B's. On an E3 topic whose committee is {A, B}, gossip authored by C is dropped
 * (`NotMember`) while A's reaches B.
 */
import '../src/net/polyfill.js';
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import type { Address, Hex } from 'viem';
import { PeerNetwork, type GossipEvent, type NetDropReason } from '../src/net/index.js';

const CHAIN = 31337;
async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const keys = [generatePrivateKey(), generatePrivateKey(), generatePrivateKey()];
const [addrA, addrB, addrC] = keys.map((k) => privateKeyToAddress(k));
const operators = new Set([addrA, addrB].map((a) => a.toLowerCase()));
const isOperator = async (a: Address) => operators.has(a.toLowerCase());

type Node = { net: PeerNetwork; gossip: GossipEvent[]; drops: { reason: NetDropReason; detail: string }[] };
async function start(key: Hex, bootstrap: string[]): Promise<Node> {
  const drops: Node['drops'] = [];
  const net = await PeerNetwork.start({
    chainId: CHAIN,
    peerKey: await generateKeyPair('Ed25519'),
    operatorKey: key,
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap,
    announceIntervalMs: 1000,
    redialIntervalMs: 500,
    isOperator,
    onDrop: (reason, _from, detail) => drops.push({ reason, detail }),
  });
  const n: Node = { net, gossip: [], drops };
  net.on('gossip', (e) => n.gossip.push(e));
  return n;
}

let A: Node, B: Node, C: Node;
before(async () => {
  A = await start(keys[0], []);
  B = await start(keys[1], [A.net.multiaddrs()[0]]);
  C = await start(keys[2], [A.net.multiaddrs()[0], B.net.multiaddrs()[0]]);
});
after(async () => {
  await Promise.all([A?.net.stop(), B?.net.stop(), C?.net.stop()]);
});

describe('peer records and E3 topics are for operators and members only', () => {
  it("a non-operator's record is dropped (counted, reported); operators' records bind", async () => {
    await until(() => A.net.peerOf(addrB) !== undefined && B.net.peerOf(addrA) !== undefined, 'operator records');
    await until(() => A.net.counters.dropped.notOperator > 0 && B.net.counters.dropped.notOperator > 0, 'C record dropped');
    for (const n of [A, B]) {
      assert.equal(n.net.peerOf(addrC), undefined);
      assert.ok(n.drops.some((d) => d.reason === 'NotOperator' && d.detail.toLowerCase() === addrC.toLowerCase()));
    }
    // C itself is given the same registry: it keeps A's and B's records.
    await until(() => C.net.peerOf(addrA) !== undefined, 'C learns A');
  });

  it('gossip on an E3 topic by a non-member is dropped; a member’s is delivered', async () => {
    const committee = [addrA, addrB];
    A.net.subscribeE3(9n, committee);
    B.net.subscribeE3(9n, committee);
    C.net.subscribeE3(9n); // C follows the topic without a committee check of its own
    await until(() => B.net.topicPeers(9n).length >= 1 && C.net.topicPeers(9n).length >= 1, 'topic mesh');
    const fromC = new TextEncoder().encode('from C');
    const fromA = new TextEncoder().encode('from A');
    await until(async () => {
      await C.net.publish(9n, fromC).catch(() => 0);
      await A.net.publish(9n, fromA).catch(() => 0);
      await new Promise((r) => setTimeout(r, 200));
      return B.gossip.some((g) => g.from === A.net.peerId) && B.net.counters.dropped.notMember > 0;
    }, 'delivery of A, drop of C');
    assert.ok(B.gossip.every((g) => g.from !== C.net.peerId), 'nothing of C reached B');
    assert.ok(A.gossip.every((g) => g.from !== C.net.peerId), 'nothing of C reached A');
    assert.ok(B.drops.some((d) => d.reason === 'NotMember'));
  });
});
