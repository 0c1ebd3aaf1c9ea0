/**
 * Replay after a crash: a core discarded mid-DKG and rebuilt from its input log and its secret
 * snapshot re-emits byte-identical messages (the sign-once records accept them), and the E3
 * completes. Without the snapshot the messages differ: what the sign-once records exist to refuse.
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import type { CoreAction, OutboundMessage } from '../src/types.js';
import { Network, runToCompletion, sumOf, equal } from './core-harness.js';

const sendsOf = (actions: readonly CoreAction[]): OutboundMessage[] =>
  actions.flatMap((a) => (a.kind === 'send' ? [a.message] : []));

describe('core: replay', () => {
  it('a core discarded mid-DKG and rebuilt by replaying its log emits byte-identical messages; the E3 completes', () => {
    const net = new Network(3, 1, 3n, 'replay');
    net.request();
    // Stop once node 2 has sent its transport key, pk share, commitments and bundles (mid-C3).
    net.run(undefined, () => net.nodes[1].sends.length >= 5);
    const before = net.nodes[1].sends.map((m) => m.payload);
    assert.ok(before.length >= 5);
    const replayed = sendsOf(net.restart(1));
    assert.ok(replayed.length >= before.length);
    before.forEach((p, k) => assert.ok(equal(p, replayed[k].payload), `message ${k} differs after replay`));
    net.executeReplay(1, net.restart(1)); // sign-once: identical → accepted (not re-sent)
    const values = [10, 20, 30];
    assert.equal(runToCompletion(net, values), sumOf(values));
    assert.deepEqual([...net.nodes[1].core.authorisedOf(3n)], [1, 2, 3]);
  });

  it('a node killed after sending its decryption share re-derives the identical share on replay (never two different ones)', () => {
    const net = new Network(3, 1, 4n, 'replay-dec');
    net.request();
    net.run(undefined, () => net.stage === 'key');
    net.publishInputs([4, 4]);
    net.advanceTo((1_700_000_000 + 2001) * 1000);
    net.run(undefined, () => net.nodes[0].decShare.has(4n));
    const hash = net.nodes[0].decShare.get(4n);
    assert.ok(hash);
    const replay = net.restart(0);
    const persisted = replay.flatMap((a) => (a.kind === 'persist' && a.record.type === 'decryptionShare' ? [a.record.shareHash] : []));
    assert.deepEqual(persisted, [hash]);
    net.executeReplay(0, replay); // the harness store throws on a second, different share or message
    net.run(undefined, () => net.stage === 'complete');
    net.run();
    assert.equal(net.result(), 8n);
  });

  it('without its snapshot a rebuilt core draws new secrets: its first message differs (the sign-once record would refuse it)', () => {
    const net = new Network(3, 1, 5n, 'replay-nosnap');
    net.request();
    net.run(undefined, () => net.nodes[2].sends.length >= 1);
    const first = net.nodes[2].sends[0].payload;
    net.nodes[2].secrets.clear();
    const replayed = sendsOf(net.restart(2));
    assert.ok(!equal(first, replayed[0].payload));
    assert.throws(() => net.executeReplay(2, net.restart(2)), /second, different message/);
  });
});
