/**
 * Proofs on (issues 9, 10; docs/node/core.md "Proofs"): three real cores at INSECURE_N512, n = 3,
 * T = 1, with the real CircuitProofSystem — every TransportKey (C0), PkShare (C1),
 * ShareCommitments (C2a + C2b), PkAttestation (C4a + C4b) and DecryptionShare (C6) carries a real
 * UltraHonk proof, verified on its deployed verifier before the message reaches a core, exactly
 * as the daemon's pipeline does it (Network.runProved). Proofs are cached on disk by content key
 * (the scenarios are seeded), so a rerun proves nothing; both scenarios share one seed, so the
 * second re-uses the first's DKG proofs.
 */
import { after, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { resolveConfig } from '@interfold/circuits';
import { getAddress } from 'viem';
import { Phase, type OutboundMessage } from '../src/types.js';
import { CircuitProofSystem, decodeProofBundle, encodeProofBundle } from '../src/proofs/index.js';
import { decodeEnvelope, verifyEnvelope, verifyProofSlot } from '../src/wire/index.js';
import { Network, runProvedToCompletion, sumOf, T0 } from './core-harness.js';

const proofs = new CircuitProofSystem({ proofCacheDir: join(resolveConfig().cacheDir, 'node-proofs') });
after(() => proofs.close());

const SEED = 'proved';
const flip = (m: OutboundMessage): OutboundMessage => {
  const proof = m.proof.slice();
  proof[proof.length - 100] ^= 0x01; // inside the last proof's bytes
  return { ...m, proof };
};

describe('core: proofs on (real UltraHonk, INSECURE_N512, n = 3, T = 1)', () => {
  it('every step proved and verified; a share with a bad C6 proof is excluded on its signed envelope and the other T + 1 combine; a replay re-uses the logged proofs', async () => {
    const net = new Network(3, 1, 40n, SEED, proofs);
    net.nodes[2].outbound = (m) => (m.phase === Phase.DecryptionShare ? flip(m) : m);
    net.proveFirst = 2; // member 3's (bad) share arrives first: T + 1 honest shares must still combine
    net.request();
    // Stop once the key is on chain: restart member 2 from its log (the daemon after a crash).
    await net.runProved(T0 * 1000 + 600_000, () => net.stage === 'key' || net.stage === 'failed');
    assert.equal(net.stage, 'key', net.rejected.join('; '));
    const before = net.nodes[1].sends.filter((m) => m.proof.length > 0);
    assert.deepEqual(before.map((m) => m.phase).slice(0, 3), [Phase.TransportKey, Phase.PkShare, Phase.ShareCommitments]);
    const replay = net.restart(1);
    const answered = new Set(net.nodes[1].log.flatMap((i) => (i.kind === 'proved' ? [i.slot] : [])));
    const proveAsks = replay.flatMap((a) => (a.kind === 'prove' ? [a.slot] : []));
    assert.equal(proveAsks.filter((s) => answered.has(s)).length, before.length, 'every proof sent before the crash is answered from the log');
    const resent = replay.flatMap((a) => (a.kind === 'send' && a.message.proof.length > 0 ? [a.message] : []));
    assert.deepEqual(resent, before, 'the replay re-sends byte-identical proofs (nothing re-proved)');

    const values = [3, 4, 9];
    assert.equal(await runProvedToCompletion(net, values), sumOf(values));
    for (const node of net.nodes) {
      // Every member proved C0, C1, C2a/b, C4a/b (the key's attestations) before decryption.
      const proved = node.sends.filter((m) => m.proof.length > 0).map((m) => m.phase);
      for (const ph of [Phase.TransportKey, Phase.PkShare, Phase.ShareCommitments, Phase.PkAttestation]) assert.ok(proved.includes(ph), `phase ${ph}`);
    }
    const shares = net.nodes.filter((n) => n.sends.some((m) => m.phase === Phase.DecryptionShare && m.proof.length > 0));
    assert.ok(shares.length >= 2 && shares.includes(net.nodes[2]), 'T + 1 = 2 proved honest shares and the bad one were sent');
    for (let i = 0; i < 3; i++) assert.deepEqual([...net.nodes[i].core.authorisedOf(40n)], [1, 2, 3]);
    // Only member 3's decryption share was refused, by both others, at the gate.
    const bad = net.nodes[2].address;
    assert.deepEqual(
      net.proofRejections.map((r) => [r.node, getAddress(r.sender), r.phase]),
      [[0, bad, Phase.DecryptionShare], [1, bad, Phase.DecryptionShare]],
    );
    for (const i of [0, 1]) {
      const ex = net.exclusions.filter((e) => e.node === i);
      assert.equal(ex.length, 1);
      assert.equal(ex[0].party, bad);
      // The evidence is the signed envelope: anyone rechecks the signature, then the proof.
      assert.equal(ex[0].evidence.length, 1);
      const m = verifyEnvelope(ex[0].evidence[0], net.envelopeCtx());
      assert.equal(getAddress(m.sender), bad);
      const ctx = net.nodes[i].core.proofContext(40n, bad);
      if (ctx) assert.match((await verifyProofSlot(proofs, m, ctx)) ?? '', /C6 proof rejected/);
      assert.equal(decodeEnvelope(ex[0].evidence[0]).phase, Phase.DecryptionShare);
    }
  });

  it('a member that sends another member’s C1 proof (a replay for another party) is excluded from A by everyone, with its signed PkShare as evidence', async () => {
    const net = new Network(3, 1, 41n, SEED, proofs);
    // The key for A = {1, 2} would need C4 over two dealers: this scenario ends with the DKG.
    net.skipProving = new Set(['C4']);
    net.nodes[2].outbound = (m) => {
      if (m.phase !== Phase.PkShare) return m;
      const other = net.nodes[0].sends.find((s) => s.phase === Phase.PkShare);
      return other ? { ...m, proof: other.proof } : flip(m);
    };
    net.request();
    await net.runProved(T0 * 1000 + 600_000, () => net.nodes[0].core.authorisedOf(41n).length > 0 && net.nodes[1].core.authorisedOf(41n).length > 0);
    const bad = net.nodes[2].address;
    for (const i of [0, 1]) {
      assert.deepEqual([...net.nodes[i].core.authorisedOf(41n)], [1, 2]);
      const ex = net.exclusions.filter((e) => e.node === i);
      assert.equal(ex.length, 1);
      assert.equal(ex[0].party, bad);
      assert.equal(ex[0].evidence.length, 1);
      const m = verifyEnvelope(ex[0].evidence[0], net.envelopeCtx());
      assert.equal(m.phase, Phase.PkShare);
    }
    assert.deepEqual(net.proofRejections.map((r) => [r.node, r.phase]), [[0, Phase.PkShare], [1, Phase.PkShare]]);
    assert.match(net.proofRejections[0].reason, /C1 proof rejected/);
  });

  // Key-fold E3s (core/key-fold.ts): each member's C1 slot carries the noir-recursive twin and its
  // PkShare signature is part of the C1/C2 round; the fold itself (2^22) is skipped here
  // (slow/e2e-fold.test.ts proves it).
  for (const [what, fault, reason, evidence] of [
    ['sends no PkShare signature', (m: OutboundMessage) => (m.phase === Phase.PkShareSignature ? null : m), /key fold: no recursive C1 proof and PkShare signature before the deadline/, 0],
    ['sends its C1 without the recursive twin', (m: OutboundMessage) => (m.phase === Phase.PkShare ? { ...m, proof: encodeProofBundle(decodeProofBundle(m.proof).slice(0, 1)) } : m), /key fold: the C1 slot carries no recursive twin/, 1],
  ] as const) {
    it(`key fold: a member that ${what} leaves A in the C1/C2 round; the aggregator asks for the fold over the rest, each slot with its twin`, async () => {
      const net = new Network(3, 1, 42n, SEED, proofs, { keyFold: true });
      net.skipProving = new Set(['C4', 'PKFOLD']);
      net.nodes[2].outbound = fault;
      net.request();
      await net.runProved(T0 * 1000 + 600_000, () => net.proveAsks.some((a) => a.action.statement.circuit === 'PKFOLD'));
      const bad = net.nodes[2].address;
      for (const i of [0, 1]) {
        assert.deepEqual([...net.nodes[i].core.authorisedOf(42n)], [1, 2]);
        const ex = net.exclusions.filter((e) => e.node === i);
        assert.equal(ex.length, 1);
        assert.equal(ex[0].party, bad);
        assert.match(ex[0].reason, reason);
        assert.equal(ex[0].evidence.length, evidence);
      }
      // Every member signed its own commitment and sent its twin (member 3 too, before the fault).
      for (const node of net.nodes) assert.ok(node.sends.some((m) => m.phase === Phase.PkShareSignature));
      const ask = net.proveAsks.find((a) => a.action.statement.circuit === 'PKFOLD');
      assert.ok(ask && ask.node === 0 && ask.action.statement.circuit === 'PKFOLD');
      if (ask.action.statement.circuit !== 'PKFOLD') return;
      assert.deepEqual(ask.action.statement.authorised, [1, 2]);
      for (const slot of ask.action.statement.proofs) assert.equal(decodeProofBundle(slot).length, 2);
      // The next member of A starts its own fold only a fold fail-over step later (config.ts foldFailover).
      const folds = () => net.proveAsks.filter((a) => a.action.statement.circuit === 'PKFOLD').map((a) => a.node);
      const asked = net.now;
      await net.runProved(asked + 150_000);
      assert.deepEqual(folds(), [0], 'not within 150 s');
      await net.runProved(asked + 210_000);
      assert.deepEqual(folds(), [0, 1], 'member 2 after 180 s');
    });
  }
});
