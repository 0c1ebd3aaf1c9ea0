/**
 * One E3 from request to plaintext through three ciphernode processes alone, on a real anvil
 * (INSECURE_N512, n = 3, T = 1): sortition, DKG over libp2p, public key, inputs (real BFV
 * encryptions under the published key), compute by a node named compute provider, decryption
 * shares, plaintext. A SIGKILL and restart in each phase (issue 8: "any phase"), all in this one E3:
 *   - DKG: node 2 is killed as it enters the DKG and restarted (replays its log, syncs what it missed);
 *   - input window: node 0, the compute provider, is killed with the inputs in and restarted; the
 *     test then warps anvil past the window's close and the provider computes on chain time from
 *     its replayed `compute` timer (scheduled before the kill, so it fires once, after the restart);
 *   - decryption: node 1 is killed as it enters the decryption and restarted.
 * Then every node closes on SIGTERM (exit 0) and its store holds no secret of the finished E3.
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
    net = await H.startNetwork({ n: 3, proofs: false });
    await Promise.all(net.nodes.map((n) => H.startNodeProcess(n)));
  });
  after(async (t) => {
    void t;
    await net?.close();
  });
  it('completes with the right plaintext although one node is SIGKILLed during the DKG and restarted', () => H.withLogsOnFailure(net, scenario));

  async function scenario(): Promise<void> {
    const provider = net.nodes[0].keys.operatorAddress;
    // The input window is wide (the test warps to its opening and past its close): no race with a loaded machine.
    const { e3Id, schedule } = await H.requestE3(net, 3, 1, { sortitionWindow: 12n, dkgWindow: 90n, inputWindow: 600n }, provider);
    // Kill node 2 the moment it reports the DKG phase, then restart it on the same store.
    const victim = net.nodes[2];
    await H.waitFor(() => H.phasesOf(victim, e3Id).includes('dkg'), 120_000, 'node 2 in the DKG');
    await H.stopNode(victim, 'SIGKILL');
    const before = victim.lines.length;
    await H.startNodeProcess(victim);
    assert.ok(victim.lines.slice(before).some((l) => l.msg === 'replayed E3 logs'), 'the restarted node replayed its E3 log');
    await H.waitStage(net, e3Id, 3, 180_000);
    await H.submitInputs(net, e3Id, [3, 4, 5]);

    // Input window: kill the compute provider, restart it, then close the window by a warp.
    const prov = net.nodes[0];
    await H.waitFor(() => prov.lines.filter((l) => l.msg === 'phase' && l.e3Id === String(e3Id)).length > 0, 60_000, 'node 0 on the E3');
    await H.stopNode(prov, 'SIGKILL');
    await H.startNodeProcess(prov);
    await H.warpTo(net, schedule.inputEnd + 1n);

    // Decryption: kill node 1 as it enters the decryption, restart it.
    const third = net.nodes[1];
    const sinceStart = third.lines.length;
    await H.waitFor(() => third.lines.slice(sinceStart).some((l) => l.msg === 'phase' && l.e3Id === String(e3Id) && l.phase === 'decryption') || third.child?.exitCode !== null, 180_000, 'node 1 in the decryption');
    await H.stopNode(third, 'SIGKILL');
    await H.startNodeProcess(third);
    await H.waitStage(net, e3Id, 5, 240_000);
    const computed = prov.lines.filter((l) => l.msg === 'tx' && l.fn === 'publishCiphertextOutput' && l.status === 'mined');
    assert.equal(computed.length, 1, 'the restarted compute provider posted the output once, on chain time');
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
