/**
 * The key fold on the daemons' path (issue 9, "Aggregation and the chain"; core/key-fold.ts;
 * docs/ZK.md "The key fold"): one E3 through three ciphernode processes on a real anvil
 * (INSECURE_N512, n = 3, T = 1) whose pk verifier is the PkAggregateAdapter in front of the key
 * fold's real UltraHonk verifier (|A| = 3) and whose decryption verifier is the decryption fold's
 * adapter — what `e3 dev --fold` deploys. Every member proves its C1 twice (the EVM-target proof
 * its peers verify at the gate, and the noir-recursive twin for the fold) and signs its pk-share
 * commitment in the C1/C2 round; the aggregator folds the three twins with C5 into ONE proof that
 * goes on chain with the three signatures. Then the posted bundle is re-verified against the
 * adapter (true as posted; refused for another key, for the signatures of two members swapped,
 * for another E3) and its gas measured, and the E3 completes with the right sum.
 *
 * Slow tier (`npm run test:slow`, not in CI): the key fold is a 2^22 circuit (its first run on a
 * machine also makes the 2^22 + 1-point development CRS and compiles the fold).
 */
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { DecryptionFoldCircuit, PkFoldCircuit } from '@interfold/circuits';
import { decodePkAggregateBundle, e3OrchestratorAbi, encodePkAggregateBundle, paramSetId, pkAggregateAdapterAbi, type Signer } from '@interfold/contracts';
import { BaseError, ContractFunctionRevertedError, decodeFunctionData, toHex, type Hex } from 'viem';
import { DEFAULT_MAX_INPUTS, paramSetById, sessionFor, sumProgram } from '../../src/index.js';
import * as H from '../e2e-helpers.js';

/** The key fold's verifier for |A| = 3 and the decryption fold's (T + 1 = 2) on the test's anvil. */
async function foldVerifiers(signer: Signer, paramSet: Hex) {
  const set = paramSetById(paramSet);
  const session = sessionFor(set, sumProgram(0n), { n: 3, T: 1, seed: new Uint8Array(32), maxInputs: DEFAULT_MAX_INPUTS });
  const key = await PkFoldCircuit.load(session, 3);
  let pk;
  try {
    pk = await H.deployHonkVerifier(signer, key.outer.solidity);
  } finally {
    await key.close();
  }
  const dec = await DecryptionFoldCircuit.load(set.params, 1);
  try {
    return { pkAggregate: { verifiers: [{ members: 3, verifier: pk }] }, decryptionAggregate: { verifier: await H.deployHonkVerifier(signer, dec.outer.solidity), shares: 2 } };
  } finally {
    await dec.close();
  }
}

describe('e2e: the key fold — the public key on chain with one proof of every member’s C1 and C5', () => {
  let net: H.Network;
  before(async () => {
    net = await H.startNetwork({ n: 3, dkgTimeoutMs: 180_000, aggregatorMs: 30_000, deployExtra: async (deployer) => foldVerifiers(deployer, paramSetId('INSECURE_N512')) });
    await Promise.all(net.nodes.map((n) => H.startNodeProcess(n, 180_000)));
  });
  after(async () => {
    await net?.close();
  });
  it('publishes the key through PkAggregateAdapter and completes with the right sum', () => H.withLogsOnFailure(net, scenario));

  async function scenario(): Promise<void> {
    const adapter = net.d.contracts.pkAggregateAdapter;
    const decryption = net.d.contracts.decryptionAggregateAdapter;
    assert.ok(adapter && decryption, 'deployed with pkAggregate and decryptionAggregate');
    const t0 = Date.now();
    const { e3Id, schedule } = await H.requestE3(net, 3, 1, { sortitionWindow: 12n, dkgWindow: 1200n, inputWindow: 900n, decryptionWindow: 1200n }, net.nodes[0].keys.operatorAddress, decryption, adapter);
    await H.waitStage(net, e3Id, 3, 1_200_000);
    const dkgS = (Date.now() - t0) / 1000;

    // Every member proved C1 in both targets and gossiped its PkShare signature; nobody was excluded.
    for (const node of net.nodes) {
      assert.ok(node.lines.some((l) => l.msg === 'proved' && l.circuit === 'C1'), `node ${node.index} proved C1`);
      assert.ok(!node.lines.some((l) => l.msg === 'party excluded' || (l.msg === 'proof rejected' && l.phase === 'PkShare')), `node ${node.index} excluded nobody`);
    }
    const folds = net.nodes.flatMap((n) => n.lines.filter((l) => l.msg === 'proved' && l.circuit === 'PKFOLD').map((l) => ({ node: n.index, seconds: Number(l.seconds) })));
    assert.ok(folds.length >= 1, 'an aggregator proved the key fold');

    const e = await H.getE3(net, e3Id);
    assert.equal(e.pkVerifier.toLowerCase(), adapter.toLowerCase());
    const mined = () => net.nodes.flatMap((n) => n.lines).filter((l) => l.msg === 'tx' && l.fn === 'publishPublicKey' && l.status === 'mined');
    await H.waitFor(() => mined().length > 0, 60_000, 'the mined key publication in a daemon log');
    const posted = mined();
    assert.equal(posted.length, 1, 'one key publication mined');
    const tx = await net.pub.getTransaction({ hash: posted[0].hash as Hex });
    const call = decodeFunctionData({ abi: e3OrchestratorAbi, data: tx.input });
    assert.equal(call.functionName, 'publishPublicKey');
    const [, publicKey, pkCommitment, proof] = call.args as readonly [bigint, Hex, Hex, Hex];
    const bundle = decodePkAggregateBundle(proof);
    assert.deepEqual(bundle.ids, [1n, 2n, 3n]);
    const verify = (id: bigint, c: Hex, p: Hex) => net.pub.readContract({ address: adapter, abi: pkAggregateAdapterAbi, functionName: 'verifyPublicKey', args: [id, c, publicKey, p] });
    const refused = async (id: bigint, c: Hex, p: Hex) => {
      const r = await verify(id, c, p).catch((x: unknown) => x);
      return r === false || (r instanceof BaseError && r.walk((x) => x instanceof ContractFunctionRevertedError) !== null);
    };
    assert.equal(await verify(e3Id, pkCommitment, proof), true);
    assert.ok(await refused(e3Id, toHex(BigInt(pkCommitment) ^ 1n, { size: 32 }), proof), 'another key');
    const swapped = encodePkAggregateBundle({ ...bundle, shareSignatures: [bundle.shareSignatures[1]!, bundle.shareSignatures[0]!, bundle.shareSignatures[2]!] });
    assert.ok(await refused(e3Id, pkCommitment, swapped), 'two members’ signatures swapped');
    assert.ok(await refused(e3Id + 1n, pkCommitment, proof), 'another E3');
    const gas = await net.pub.estimateContractGas({ address: adapter, abi: pkAggregateAdapterAbi, functionName: 'verifyPublicKey', args: [e3Id, pkCommitment, publicKey, proof] });
    assert.ok(gas <= 3_000_000n, `verifyPublicKey ${gas} gas > 3.0 M`);

    await H.submitInputs(net, e3Id, [3, 4, 5]);
    await H.warpTo(net, schedule.inputEnd + 1n);
    const t1 = Date.now();
    await H.waitStage(net, e3Id, 5, 1_200_000);
    const decS = (Date.now() - t1) / 1000;
    process.stderr.write(
      `e2e-key-fold: DKG with proofs and the key fold ${dkgS.toFixed(1)} s (key folds: ${folds.map((f) => `node ${f.node + 1} ${f.seconds.toFixed(1)} s`).join(', ')}); ` +
        `publishPublicKey ${String(posted[0].gasUsed)} gas; PkAggregateAdapter.verifyPublicKey ≈ ${gas} gas; decryption with the fold ${decS.toFixed(1)} s\n`,
    );
  }
});
