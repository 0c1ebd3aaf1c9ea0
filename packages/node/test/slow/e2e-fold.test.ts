/**
 * The decryption fold on the daemons' path (issue 10, "Aggregation and the chain"; docs/ZK.md
 * "Aggregate proofs"): one E3 through three ciphernode processes on a real anvil (INSECURE_N512,
 * n = 3, T = 1) whose decryption verifier is the DecryptionAggregateAdapter in front of the
 * fold's real UltraHonk verifier. Every member proves its decryption share twice — the EVM-target
 * C6 proof its peers verify at the gate, and its noir-recursive twin for the fold — and the
 * aggregator folds T + 1 twins with C7's relations into ONE proof that goes on chain.
 *
 * The second process is faulty (fixtures/proofs/bad-c6-ciphernode.ts flips one bit in its
 * bundle's last item, which in fold mode is the recursive twin): its EVM proof is good, so the gate
 * passes it, but no fold over it can be proved. A fold over a set that includes it fails (the
 * aggregator tries the next T + 1, or asks again once more shares are in); the E3 completes with
 * the right sum through one verification, and the posted decrypting set leaves the faulty party out. Then the posted bundle is
 * re-verified against the adapter (true as posted, refused with one plaintext word changed) and
 * its gas measured.
 *
 * Slow tier (`npm run test:slow`, not in CI): the fold is a 2^21 circuit (its first run on a
 * machine also makes the 2^21 + 1-point development CRS, ≈ 5 min, and compiles the fold).
 */
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bfvParameters, INSECURE_N512 } from '@interfold/bfv';
import { DecryptionFoldCircuit } from '@interfold/circuits';
import { decodeDecryptionAggregateBundle, decryptionAggregateAdapterAbi, e3OrchestratorAbi, type Signer } from '@interfold/contracts';
import { BaseError, ContractFunctionRevertedError, decodeAbiParameters, decodeFunctionData, encodeAbiParameters, toHex, type Hex } from 'viem';
import * as H from '../e2e-helpers.js';

const BAD_TWIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'proofs', 'bad-c6-ciphernode.ts');
const params = bfvParameters(INSECURE_N512);

/** The fold's verifier (T + 1 = 2) on the test's anvil (compiled and keyed from the circuits' cache). */
async function foldVerifier(signer: Signer) {
  const fold = await DecryptionFoldCircuit.load(params, 1);
  try {
    return { decryptionAggregate: { verifier: await H.deployHonkVerifier(signer, fold.outer.solidity), shares: 2 } };
  } finally {
    await fold.close();
  }
}

describe('e2e: the decryption fold — one proof on chain, a bad recursive twin left out', () => {
  let net: H.Network;
  before(async () => {
    net = await H.startNetwork({ n: 3, dkgTimeoutMs: 120_000, aggregatorMs: 30_000, deployExtra: foldVerifier });
    await Promise.all(net.nodes.map((n, i) => H.startNodeProcess(n, 180_000, ...(i === 1 ? [BAD_TWIN] : []))));
  });
  after(async () => {
    await net?.close();
  });
  it('completes with the right sum through DecryptionAggregateAdapter; the fold leaves the bad twin out', () => H.withLogsOnFailure(net, scenario));

  async function scenario(): Promise<void> {
    const adapter = net.d.contracts.decryptionAggregateAdapter;
    assert.ok(adapter, 'deployed with decryptionAggregate');
    const t0 = Date.now();
    const { e3Id, schedule } = await H.requestE3(net, 3, 1, { sortitionWindow: 12n, dkgWindow: 900n, inputWindow: 900n, decryptionWindow: 1200n }, net.nodes[0].keys.operatorAddress, adapter);
    await H.waitStage(net, e3Id, 3, 900_000);
    const dkgS = (Date.now() - t0) / 1000;
    await H.submitInputs(net, e3Id, [3, 4, 5]);
    await H.warpTo(net, schedule.inputEnd + 1n);
    const t1 = Date.now();
    await H.waitStage(net, e3Id, 5, 1_200_000);
    const decS = (Date.now() - t1) / 1000;

    // Every member proved its share with the recursive twin (two proofs in the slot); the bad twin
    // passed the gates (its EVM proof is good: nobody rejects it there).
    for (const node of net.nodes) {
      const c6 = node.lines.filter((l) => l.msg === 'proved' && l.circuit === 'C6');
      assert.ok(c6.length >= 1, `node ${node.index} proved C6`);
    }
    for (const node of net.nodes) assert.ok(!node.lines.some((l) => l.msg === 'proof rejected' && l.phase === 'DecryptionShare'), `node ${node.index} rejected no C6 proof at the gate`);
    const folds = net.nodes.flatMap((n) => n.lines.filter((l) => l.msg === 'proved' && l.circuit === 'FOLD').map((l) => ({ node: n.index, seconds: Number(l.seconds) })));
    assert.ok(folds.length >= 1, 'an aggregator proved the fold');

    // The plaintext went through the adapter: the sum in coefficient 0 of C7's packed words.
    const e = await H.getE3(net, e3Id);
    assert.equal(e.decryptionVerifier.toLowerCase(), adapter.toLowerCase());
    const [ev] = await net.pub.getContractEvents({ address: net.d.contracts.orchestrator, abi: e3OrchestratorAbi, eventName: 'PlaintextOutputPublished', args: { e3Id }, fromBlock: 0n });
    assert.ok(ev, 'plaintext published');
    const [words] = decodeAbiParameters([{ type: 'bytes32[]' }], ev.args.plaintext!);
    const width = BigInt((params.t - 1n).toString(2).length);
    assert.equal(BigInt(words[0]!) & ((1n << width) - 1n), 12n);

    // The posted call: ONE fold proof over the decrypting set {1, 3} (the faulty member 2 left
    // out although {1, 2} comes first); accepted as posted, refused with one plaintext word changed.
    // The chain may show the stage before the daemon logs its receipt.
    const mined = () => net.nodes.flatMap((n) => n.lines).filter((l) => l.msg === 'tx' && l.fn === 'publishPlaintextOutput' && l.status === 'mined');
    await H.waitFor(() => mined().length > 0, 60_000, 'the mined publication in a daemon log');
    const posted = mined();
    assert.equal(posted.length, 1, 'one plaintext publication mined');
    const tx = await net.pub.getTransaction({ hash: posted[0].hash as Hex });
    const call = decodeFunctionData({ abi: e3OrchestratorAbi, data: tx.input });
    assert.equal(call.functionName, 'publishPlaintextOutput');
    const [, plaintext, proof] = call.args as readonly [bigint, Hex, Hex];
    const bundle = decodeDecryptionAggregateBundle(proof);
    // The faulty process's party id (sortition orders the committee) is not in the decrypting set.
    const phase = net.nodes[1].lines.find((l) => l.msg === 'phase' && /^party \d+ of 3/.test(String(l.detail)));
    const badParty = BigInt(/^party (\d+)/.exec(String(phase?.detail))![1]!);
    assert.equal(bundle.ids.length, 2);
    assert.ok(!bundle.ids.includes(badParty), `the fold left out party ${badParty} (its twin is bad): ids ${bundle.ids.join(', ')}`);
    // Every fold attempt that included the bad twin failed, none was posted.
    const failed = net.nodes.flatMap((n) => n.lines).filter((l) => l.msg === 'proving failed' && l.circuit === 'FOLD');
    for (const f of failed) assert.match(JSON.stringify(f.error), new RegExp(`${badParty}`));
    const verify = (pt: Hex) => net.pub.readContract({ address: adapter, abi: decryptionAggregateAdapterAbi, functionName: 'verifyDecryption', args: [e3Id, e.ciphertextCommitment, pt, proof] });
    assert.equal(await verify(plaintext), true);
    const changed = [...words];
    changed[0] = toHex(BigInt(words[0]!) + 1n, { size: 32 });
    const refusal = await verify(encodeAbiParameters([{ type: 'bytes32[]' }], [changed])).catch((x: unknown) => x);
    assert.ok(refusal === false || (refusal instanceof BaseError && refusal.walk((x) => x instanceof ContractFunctionRevertedError) !== null), `changed plaintext not refused: ${String(refusal)}`);
    const gas = await net.pub.estimateContractGas({ address: adapter, abi: decryptionAggregateAdapterAbi, functionName: 'verifyDecryption', args: [e3Id, e.ciphertextCommitment, plaintext, proof] });
    assert.ok(gas <= 3_500_000n, `verifyDecryption ${gas} gas > 3.5 M`);
    process.stderr.write(
      `e2e-fold: DKG with proofs ${dkgS.toFixed(1)} s, decryption with the fold ${decS.toFixed(1)} s (fold proofs: ${folds.map((f) => `node ${f.node + 1} ${f.seconds.toFixed(1)} s`).join(', ')}); ` +
        `publishPlaintextOutput ${String(posted[0].gasUsed)} gas; DecryptionAggregateAdapter.verifyDecryption ≈ ${gas} gas (one UltraHonk verification)\n`,
    );
  }
});
