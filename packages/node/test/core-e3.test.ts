/** Whole E3s through n protocol cores over the in-memory router (no sockets, no chain). */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { Network, runToCompletion, sumOf } from './core-harness.js';

describe('core: whole E3 (INSECURE_N512)', () => {
  it('n = 3, T = 1: DKG over messages, key with T + 1 attestations, recomputed output, shares combined, plaintext on chain', () => {
    const net = new Network(3, 1, 1n, 'n3');
    net.request();
    const values = [3, 5, 7, 11];
    assert.equal(runToCompletion(net, values), sumOf(values));
    assert.equal(net.stage, 'complete');
    assert.deepEqual(net.rejected, []);
    for (const node of net.nodes) {
      assert.deepEqual([...node.core.authorisedOf(1n)], [1, 2, 3]);
      assert.equal(node.core.phaseOf(1n), 'complete');
    }
    // One key publication, one output, one plaintext: the aggregator fail-over did not fire twice.
    assert.deepEqual(net.txs.map((t) => t.tx.fn), ['publishPublicKey', 'publishCiphertextOutput', 'publishPlaintextOutput']);
    assert.equal(net.txs[0].from, net.nodes[0].address, 'the lowest party id aggregates');
  });

  it('n = 5, T = 2', () => {
    const net = new Network(5, 2, 2n, 'n5');
    net.request();
    const values = [1, 2, 3, 4, 5, 6];
    assert.equal(runToCompletion(net, values), sumOf(values));
    for (const node of net.nodes) assert.deepEqual([...node.core.authorisedOf(2n)], [1, 2, 3, 4, 5]);
  });
});
