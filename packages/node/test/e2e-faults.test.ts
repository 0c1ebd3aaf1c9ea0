/**
 * Fault scenarios of issue 8 in one E3 through five ciphernode processes on a real anvil
 * (INSECURE_N512, n = 5, T = 2), to keep CI time down:
 *   1. offline for the whole DKG: one member is SIGKILLed as soon as the sortition pool is full
 *      (its ticket is in, so it sits on the committee) and never restarted → the others' round
 *      timeouts exclude it from the authorised set A, the key is published;
 *   2. dead for the whole decryption: a second member is SIGKILLed once the inputs are in (before
 *      the compute provider posts the output) and not restarted → the three live members
 *      (T + 1) decrypt and the aggregator posts the plaintext;
 *   3. hostile bytes: a test-side libp2p peer whose key is no registered operator joins the E3's
 *      topic during the DKG and publishes random bytes (version byte 0), an envelope signed by a
 *      non-member, and an envelope claiming a member as sender but signed by another key → every
 *      live daemon drops its peer record (`NotOperator`) and all its gossip on the E3 topic
 *      (`NotMember`) before the gate (its /metrics `interfold_messages_dropped_total{reason}` and its
 *      log), the E3 completes. (The gate's own checks of such envelopes from a member's peer:
 *      daemon-gate.test.ts.)
 * The plaintext is the sum of the inputs.
 */
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { e3OrchestratorAbi } from '@interfold/contracts';
import { getAddress, type Address } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import { PeerNetwork } from '../src/net/index.js';
import { encodeEnvelope, signEnvelope, slotOf, WIRE_VERSION } from '../src/wire/index.js';
import { Phase } from '../src/types.js';
import * as H from './e2e-helpers.js';

/** Runs `step` every `everyMs` until `cond` holds. */
async function poll(cond: () => boolean, timeoutMs: number, what: string, step: () => Promise<void>, everyMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await step();
    if (cond()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const N = 5;
const T = 2;

describe('e2e: fault scenarios through five daemons (anvil, INSECURE_N512, n = 5, T = 2)', () => {
  let net: H.Network;
  let intruder: PeerNetwork | undefined;
  before(async () => {
    net = await H.startNetwork({ n: N, dkgTimeoutMs: 15_000, proofs: false });
    await Promise.all(net.nodes.map((n) => H.startNodeProcess(n)));
  });
  after(async () => {
    await intruder?.stop().catch(() => undefined);
    await net?.close();
  });
  it('completes with the right plaintext: one member offline for the DKG, one dead in decryption, hostile messages dropped', () => H.withLogsOnFailure(net, scenario));

  const nodeOf = (a: Address): H.NodeProc => {
    const node = net.nodes.find((x) => x.keys.operatorAddress.toLowerCase() === a.toLowerCase());
    if (!node) throw new Error(`member ${a} unknown`);
    return node;
  };

  async function scenario(): Promise<void> {
    const provider = net.nodes[0]; // compute provider: stays up
    // Wide input window: the test warps to its opening and past its close (the daemons follow chain time).
    const { e3Id, schedule } = await H.requestE3(net, N, T, { sortitionWindow: 12n, dkgWindow: 75n, inputWindow: 600n }, provider.keys.operatorAddress);

    // 1. The pool is the committee in pool order (pool[i] is the core's party i + 1). Once all five tickets are in,
    // kill a member that is neither the compute provider nor pool[0] (the first aggregator).
    let pool: readonly Address[] = [];
    await poll(() => pool.length === N, 120_000, 'a full sortition pool', async () => {
      [pool] = await net.pub.readContract({ address: net.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'sortitionPool', args: [e3Id] });
    }, 250);
    const candidates = pool.map((a, party) => ({ party, node: nodeOf(a) })).filter((x) => x.party !== 0 && x.node !== provider); // party: index in the pool
    const offline = candidates[candidates.length - 1];
    const dying = candidates[0];
    assert.notEqual(offline.party, dying.party);
    await H.stopNode(offline.node, 'SIGKILL');
    const live = net.nodes.filter((x) => x !== offline.node);

    // 3. Hostile bytes on the E3 topic while the DKG runs.
    await H.waitFor(() => live.every((n) => H.phasesOf(n, e3Id).includes('dkg')), 120_000, 'the live members in the DKG');
    const committee = await net.pub.readContract({ address: net.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'committeeOf', args: [e3Id] });
    assert.deepEqual(committee.map((a) => getAddress(a)), pool.map((a) => getAddress(a)));
    intruder = await PeerNetwork.start({
      chainId: net.anvil.chainId,
      peerKey: await generateKeyPair('Ed25519'),
      operatorKey: generatePrivateKey(),
      listen: ['/ip4/127.0.0.1/tcp/0'],
      bootstrap: live.map((x) => `/ip4/127.0.0.1/tcp/${x.port}/p2p/${x.keys.peerId}`),
      announceIntervalMs: 2_000,
    });
    intruder.subscribeE3(e3Id);
    const unsigned = (sender: Address) => ({
      version: WIRE_VERSION,
      chainId: net.anvil.chainId,
      orchestrator: net.d.contracts.orchestrator,
      e3Id,
      phase: Phase.PkShare,
      slot: slotOf(Phase.PkShare),
      sender,
      payload: randomBytes(64),
      proof: new Uint8Array(0),
    });
    const strangerKey = randomBytes(32);
    const hostile = () => [
      Uint8Array.of(0, ...randomBytes(199)), // not an envelope: version 0, random rest
      encodeEnvelope(signEnvelope(unsigned(getAddress(`0x${randomBytes(20).toString('hex')}`)), net.d.contracts.slashingManager, strangerKey)), // sender not a member
      encodeEnvelope(signEnvelope(unsigned(getAddress(committee[dying.party])), net.d.contracts.slashingManager, strangerKey)), // a member's name, another key
    ];
    const dropsOf = (n: H.NodeProc) => n.lines.filter((l) => l.msg === 'message dropped').map((l) => String(l.reason));
    const expected = ['NotOperator', 'NotMember'];
    // Gossip reaches a peer once the intruder knows its subscription: publish (fresh bytes each
    // time, so nothing is a duplicate) until every live daemon dropped each kind.
    await poll(() => live.every((n) => expected.every((r) => dropsOf(n).includes(r))), 60_000, 'the hostile messages dropped by every live daemon', async () => {
      for (const bytes of hostile()) await intruder!.publish(e3Id, bytes).catch(() => 0);
    }, 1_000);
    for (const n of live) {
      const port = Number(n.lines.find((l) => l.msg === 'started')?.httpPort);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      for (const r of expected) {
        const m = new RegExp(`^interfold_messages_dropped_total\\{reason="${r}"\\} (\\d+)`, 'm').exec(metrics);
        assert.ok(m && Number(m[1]) >= 1, `node ${n.index} /metrics counts a ${r} drop`);
      }
    }
    const gated = live.flatMap((n) => n.lines.filter((l) => l.msg === 'message dropped' && l.e3Id === String(e3Id)));
    assert.deepEqual(gated, [], 'nothing of the intruder reached a gate: the network dropped it first');
    await intruder.stop();
    intruder = undefined;

    // 1 (cont.). The key is published without the offline member: excluded from A by every live member.
    await H.waitStage(net, e3Id, 3, 240_000);
    for (const n of live) {
      const ready = n.lines.find((l) => l.msg === 'phase' && l.e3Id === String(e3Id) && String(l.detail ?? '').startsWith('key ready'));
      assert.ok(ready, `node ${n.index} reached the key`);
      const a = /A = \{([^}]*)\}/.exec(String(ready.detail))![1].split(',').map((s) => Number(s.trim()));
      // The core numbers parties from 1 (party i + 1 = pool[i]).
      assert.ok(!a.includes(offline.party + 1), `node ${n.index}: offline party ${offline.party + 1} excluded from A = {${a}}`);
      assert.ok(n.lines.some((l) => l.msg === 'party excluded' && l.e3Id === String(e3Id) && String(l.party).toLowerCase() === pool[offline.party].toLowerCase()), `node ${n.index} logged the exclusion`);
      assert.ok(a.length >= T + 1);
    }

    // 2. Inputs, then a second member dies before the output is posted: decryption without it.
    await H.submitInputs(net, e3Id, [3, 4, 5]);
    await H.stopNode(dying.node, 'SIGKILL');
    await H.warpTo(net, schedule.inputEnd + 1n);
    await H.waitStage(net, e3Id, 5, 240_000);
    assert.equal(await H.resultOf(net, e3Id), 12n);
    assert.ok(!H.phasesOf(dying.node, e3Id).includes('decryption'), 'the killed member never reached the decryption');
    assert.ok(!H.phasesOf(offline.node, e3Id).includes('dkg'), 'the offline member never took part in the DKG');
    const remaining = live.filter((x) => x !== dying.node);
    assert.equal(remaining.length, T + 1);
    for (const n of remaining) {
      await H.waitFor(() => n.lines.some((l) => l.msg === 'E3 secrets erased' && l.e3Id === String(e3Id)), 60_000, `node ${n.index} erasure`);
    }
  }
});
