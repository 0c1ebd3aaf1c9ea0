/**
 * Faults injected by the test (wrappers around a node's outgoing messages, never inside the
 * core): offline parties, withheld, mutated and tampered messages. The faulty party is dropped or
 * excluded and the E3 completes; erasure leaves no secret behind.
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { bfvParameters, Ciphertext, INSECURE_TRANSPORT_N512 } from '@interfold/bfv';
import * as S from '@interfold/threshold';
import { Phase } from '../src/types.js';
import { Network, N512, runToCompletion, sumOf } from './core-harness.js';

const transport = bfvParameters(INSECURE_TRANSPORT_N512);
const excludedBy = (net: Network, i: number) => [...(net.excluded.get(i) ?? [])];

describe('core: faults', () => {
  it('a party offline for the whole DKG (n = 5, T = 2) is excluded by everyone; the E3 completes', () => {
    const net = new Network(5, 2, 10n, 'offline');
    net.nodes[4].offline = true;
    net.request();
    const values = [2, 3, 5];
    assert.equal(runToCompletion(net, values), sumOf(values));
    for (let i = 0; i < 4; i++) {
      assert.deepEqual([...net.nodes[i].core.authorisedOf(10n)], [1, 2, 3, 4]);
      assert.deepEqual(excludedBy(net, i), [net.nodes[4].address]);
    }
  });

  it('a dealer whose bundle to one recipient is corrupted (and signed) is excluded on the recipient’s evidence; completes', () => {
    const net = new Network(4, 1, 11n, 'bundle');
    const victim = net.nodes[2].address;
    net.nodes[1].outbound = (m, to) => {
      if (m.phase !== Phase.ShareBundle || to !== victim) return m;
      const b = S.decodeEncryptedShareBundle(N512, transport, m.payload);
      const c0 = b.sk[0].c0.clone();
      c0.limbs[0][5] = (c0.limbs[0][5] + 1000) % c0.ctx.moduli[0].q;
      const bad = { ...b, sk: [new Ciphertext(b.sk[0].params, [c0, b.sk[0].c1]), ...b.sk.slice(1)] };
      return { ...m, payload: S.encodeEncryptedShareBundle(N512, bad) };
    };
    net.request();
    const values = [7, 1];
    assert.equal(runToCompletion(net, values), sumOf(values));
    for (const i of [0, 1, 2, 3]) if (i !== 1) assert.deepEqual([...net.nodes[i].core.authorisedOf(11n)], [1, 3, 4]);
    assert.deepEqual(excludedBy(net, 0), [net.nodes[1].address]);
  });

  it('a dealer whose signed bundle does not even decode is excluded on that envelope as evidence; completes', () => {
    const net = new Network(3, 1, 15n, 'garbled');
    const victim = net.nodes[0].address;
    net.nodes[2].outbound = (m, to) => (m.phase === Phase.ShareBundle && to === victim ? { ...m, payload: m.payload.subarray(0, 100) } : m);
    net.request();
    const values = [5, 6];
    assert.equal(runToCompletion(net, values), sumOf(values));
    assert.deepEqual([...net.nodes[0].core.authorisedOf(15n)], [1, 2]);
    assert.deepEqual([...net.nodes[1].core.authorisedOf(15n)], [1, 2]);
  });

  it('a bad pk share, a withheld masked polynomial and tampered envelopes (n = 5, T = 2): both excluded, garbage dropped; completes', () => {
    const net = new Network(5, 2, 12n, 'mixed');
    net.nodes[3].outbound = (m) => {
      if (m.phase !== Phase.PkShare) return m;
      const s = S.decodePkShare(N512, m.payload);
      const p1 = s.p1.clone();
      p1.limbs[0][0] = (p1.limbs[0][0] + 1) % p1.ctx.moduli[0].q;
      return { ...m, payload: S.encodePkShare(N512, { ...s, p1 }) };
    };
    net.nodes[4].outbound = (m) => (m.phase === Phase.MaskedPolynomial ? null : m);
    net.nodes[0].tamperCopies = true;
    net.request();
    const values = [100, 200, 300];
    assert.equal(runToCompletion(net, values), sumOf(values));
    for (const i of [0, 1, 2]) {
      assert.deepEqual([...net.nodes[i].core.authorisedOf(12n)], [1, 2, 3]);
      assert.deepEqual(excludedBy(net, i).sort(), [net.nodes[3].address, net.nodes[4].address].sort());
    }
    assert.ok(net.wireRejections > 10, 'the tampered copies were dropped by the wire');
  });

  it('a well-formed but wrong decryption share (n = 5, T = 2) is detected by the parity check, its sender excluded; the sum is right', () => {
    const net = new Network(5, 2, 14n, 'badshare');
    net.nodes[1].outbound = (m) => {
      if (m.phase !== Phase.DecryptionShare) return m;
      const share = S.decodeDecryptionShare(N512, m.payload);
      const d = share.d.clone();
      d.limbs[0][3] = (d.limbs[0][3] + 5) % d.ctx.moduli[0].q;
      return { ...m, payload: S.encodeDecryptionShare(N512, { ...share, d }) };
    };
    net.request();
    const values = [40, 2];
    assert.equal(runToCompletion(net, values), sumOf(values));
    assert.ok([0, 2, 3, 4].some((i) => excludedBy(net, i).includes(net.nodes[1].address)), 'the sender of the wrong share is excluded');
  });

  it('after the E3 completes no secret remains in the cores or their stores', () => {
    const net = new Network(3, 1, 13n, 'erase');
    net.request();
    net.run(undefined, () => net.nodes.every((n) => n.secrets.has(13n)));
    const seeds = net.nodes.map((n) => (n.secrets.get(13n) as Uint8Array).slice(1));
    assert.equal(runToCompletion(net, [1, 1]), 2n);
    net.nodes.forEach((node, i) => {
      assert.equal(node.core.holdsSecrets(13n), false);
      assert.equal(node.secrets.has(13n), false, 'the store erased the snapshot');
      assert.equal(findBytes(node.core, seeds[i]), false, 'no copy of the secret seed is reachable from the core');
    });
  });
});

/** Whether `needle` occurs in any byte array reachable from `root`. */
function findBytes(root: unknown, needle: Uint8Array): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  const hex = Buffer.from(needle).toString('hex');
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof Uint8Array) {
      if (Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex').includes(hex)) return true;
      continue;
    }
    if (ArrayBuffer.isView(v)) continue;
    if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
    else if (v instanceof Set) for (const x of v) stack.push(x);
    else for (const k of Object.getOwnPropertyNames(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return false;
}
