/** Aggregator fail-over, output rejection by a quorum, and a DKG below quorum ending in markFailed. */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { bytesToHex, hexToBytes } from 'viem';
import { Network, runToCompletion, sumOf, T0 } from './core-harness.js';

describe('core: duties', () => {
  it('the aggregator never posts: the next member of A publishes the key and the plaintext after the fail-over delay', () => {
    const net = new Network(3, 1, 20n, 'failover');
    net.nodes[0].dropTx = new Set(['publishPublicKey', 'publishPlaintextOutput']);
    net.request();
    const values = [9, 9];
    assert.equal(runToCompletion(net, values), sumOf(values));
    const posted = net.txs.filter((t) => t.tx.fn === 'publishPublicKey' || t.tx.fn === 'publishPlaintextOutput');
    assert.deepEqual(posted.map((t) => [t.tx.fn, t.from]), [
      ['publishPublicKey', net.nodes[1].address],
      ['publishPlaintextOutput', net.nodes[1].address],
    ]);
  });

  it('an output the members recompute differently gets no decryption share, and T + 1 signed rejections fail the E3', () => {
    const net = new Network(3, 1, 21n, 'reject');
    net.providerCheat = (tx) => {
      const b = hexToBytes(tx.ciphertext);
      b[7] ^= 1; // the lowest bit of the first residue: still a valid ciphertext, another plaintext
      return { ...tx, ciphertext: bytesToHex(b) };
    };
    net.request();
    runToCompletion(net, [1, 2]);
    assert.equal(net.stage, 'failed');
    assert.ok(net.txs.some((t) => t.tx.fn === 'rejectCiphertextOutput'));
    assert.equal(net.plaintext, undefined);
    for (const node of net.nodes) {
      assert.equal(node.decShare.size, 0, 'no decryption share for an output this node did not recompute');
      assert.equal(node.core.phaseOf(21n), 'failed');
      assert.equal(node.core.holdsSecrets(21n), false);
    }
  });

  it('a DKG that falls below T + 1 fails locally, and markFailed follows the chain key deadline', () => {
    const net = new Network(3, 1, 22n, 'quorum');
    net.nodes[1].offline = true;
    net.nodes[2].offline = true;
    net.request();
    net.run((T0 + 1700) * 1000);
    assert.equal(net.nodes[0].core.phaseOf(22n), 'failed');
    assert.equal(net.stage, 'committee', 'no markFailed before the key deadline');
    net.run((T0 + 1900) * 1000);
    assert.equal(net.stage, 'failed');
    assert.deepEqual(net.txs.map((t) => t.tx.fn), ['markFailed']);
    assert.equal(net.nodes[0].core.holdsSecrets(22n), false);
    assert.equal(net.nodes[0].secrets.has(22n), false);
  });
});
