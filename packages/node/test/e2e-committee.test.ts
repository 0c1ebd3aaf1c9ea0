/**
 * One E3 from request to plaintext through three ciphernode processes alone, on a real anvil
 * (INSECURE_N512, n = 3, T = 1): sortition, DKG over libp2p, public key, inputs (real BFV
 * encryptions under the published key), compute by a node named compute provider, decryption
 * shares, plaintext. One node is SIGKILLed as soon as it enters the DKG and restarted: it replays
 * its log and the E3 completes. Then every node closes on SIGTERM (exit 0) and its store holds no
 * secret of the finished E3.
 */
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { deriveStoreKey } from '../src/keystore/index.js';
import { NodeStore } from '../src/store/index.js';
import * as H from './e2e-helpers.js';

describe('e2e: an E3 through three daemons (anvil, INSECURE_N512)', () => {
  let net: H.Network;
  before(async () => {
    net = await H.startNetwork({ n: 3 });
    await Promise.all(net.nodes.map((n) => H.startNodeProcess(n)));
  });
  after(async (t) => {
    void t;
    await net?.close();
  });
  /** On failure, the nodes' own account of what happened. */
  const dump = () => {
    for (const n of net.nodes) {
      const lines = n.lines.filter((l) => l.level !== 'debug').slice(-25).map((l) => JSON.stringify(l).slice(0, 240));
      process.stderr.write(`--- node ${n.index}\n${lines.join('\n')}\n`);
    }
  };

  it('completes with the right plaintext although one node is SIGKILLed during the DKG and restarted', async () => {
    try {
      await scenario();
    } catch (e) {
      dump();
      throw e;
    }
  });

  async function scenario(): Promise<void> {
    const provider = net.nodes[0].keys.operatorAddress;
    const { e3Id } = await H.requestE3(net, 3, 1, { sortitionWindow: 12n, dkgWindow: 90n, inputWindow: 20n }, provider);
    // Kill node 2 the moment it reports the DKG phase, then restart it on the same store.
    const victim = net.nodes[2];
    await H.waitFor(() => H.phasesOf(victim, e3Id).includes('dkg'), 120_000, 'node 2 in the DKG');
    await H.stopNode(victim, 'SIGKILL');
    const before = victim.lines.length;
    await H.startNodeProcess(victim);
    assert.ok(victim.lines.slice(before).some((l) => l.msg === 'replayed E3 logs'), 'the restarted node replayed its E3 log');
    await H.waitStage(net, e3Id, 3, 180_000);
    await H.submitInputs(net, e3Id, [3, 4, 5]);
    await H.waitStage(net, e3Id, 5, 240_000);
    assert.equal(await H.resultOf(net, e3Id), 12n);
    for (const node of net.nodes) {
      await H.waitFor(() => node.lines.some((l) => l.msg === 'E3 secrets erased' && l.e3Id === String(e3Id)), 60_000, `node ${node.index} erasure`);
    }
    // Clean shutdown, then the stores: no secret of the finished E3 remains.
    for (const node of net.nodes) assert.equal(await H.stopNode(node, 'SIGTERM'), 0, `node ${node.index} exit code`);
    for (const node of net.nodes) {
      const store = await NodeStore.open(join(node.dataDir, 'db'), { masterKey: deriveStoreKey(node.keys) });
      try {
        assert.deepEqual(await store.secrets.names(e3Id), [], `node ${node.index} still holds secrets`);
      } finally {
        await store.close();
      }
    }
  }
});
