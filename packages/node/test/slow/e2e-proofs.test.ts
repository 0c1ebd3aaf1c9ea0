/**
 * Proofs on, the daemons' default (issues 9, 10; docs/node/core.md "Proofs"): one E3 through three
 * ciphernode processes on a real anvil (INSECURE_N512, n = 3, T = 1) whose decryption verifier is
 * the DecryptionProofAdapter in front of the real C6 and C7 UltraHonk verifiers. Every DKG step
 * (C0, C1, C2a/b, C4a/b) and every decryption share (C6) carries a real proof checked by the
 * peers; the members sign the key-share table (EIP-712 KeyShares over the C4 commitments); the
 * aggregator proves C7 and posts the plaintext with T + 1 C6 proofs. One member is faulty: its C6
 * proof has one bit flipped (fixtures/proofs/bad-c6-ciphernode.ts). The honest members reject it
 * at the gate and exclude it, and the E3 completes with the two honest shares (T + 1). Then the
 * posted bundle is re-verified against the adapter: true as posted, refused with one plaintext
 * word changed.
 *
 * Slow tier (`npm run test:slow`, not in CI): CI's 2-core budget holds one proved network run, and
 * that is apps/ballot/test/e2e-dev.test.ts (the same daemons, every step proved, the plaintext
 * through DecryptionProofAdapter); the bad-C6 exclusion with real proofs is in CI through
 * core-proofs.test.ts (the daemon's cores and gate logic, in process).
 */
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bfvParameters, INSECURE_N512 } from '@interfold/bfv';
import { DecodeCircuit, DecryptionShareCircuit } from '@interfold/circuits';
import { decryptionProofAdapterAbi, e3OrchestratorAbi, type Signer } from '@interfold/contracts';
import { BaseError, ContractFunctionRevertedError, decodeAbiParameters, decodeFunctionData, encodeAbiParameters, toHex, type Hex } from 'viem';
import * as H from '../e2e-helpers.js';

const BAD_C6 = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'proofs', 'bad-c6-ciphernode.ts');
const params = bfvParameters(INSECURE_N512);

/** C6 and C7 (T + 1 = 2) verifiers on the test's anvil (compiled and keyed from the circuits' cache). */
async function decryptionVerifiers(signer: Signer) {
  const c6 = await DecryptionShareCircuit.load(params);
  const c7 = await DecodeCircuit.load(params, 2);
  try {
    return { decryptionProofs: { shareVerifier: await H.deployHonkVerifier(signer, c6.circuit.solidity), decodeVerifier: await H.deployHonkVerifier(signer, c7.circuit.solidity), shares: 2 } };
  } finally {
    await Promise.all([c6.close(), c7.close()]);
  }
}

describe('e2e: proofs on by default — plaintext through DecryptionProofAdapter, a bad C6 proof excluded', () => {
  let net: H.Network;
  before(async () => {
    // The daemons' default is proofs on: the harness writes no `proofs` entry.
    net = await H.startNetwork({ n: 3, dkgTimeoutMs: 120_000, aggregatorMs: 30_000, deployExtra: decryptionVerifiers });
    await Promise.all(net.nodes.map((n, i) => H.startNodeProcess(n, 180_000, ...(i === 2 ? [BAD_C6] : []))));
  });
  after(async () => {
    await net?.close();
  });
  it('completes with the right sum, verified on chain by C6 × 2 + C7; the member with the bad C6 proof is excluded by both others', () => H.withLogsOnFailure(net, scenario));

  async function scenario(): Promise<void> {
    const adapter = net.d.contracts.decryptionProofAdapter;
    assert.ok(adapter, 'deployed with decryptionProofs');
    const t0 = Date.now();
    const { e3Id, schedule } = await H.requestE3(net, 3, 1, { sortitionWindow: 12n, dkgWindow: 900n, inputWindow: 900n, decryptionWindow: 900n }, net.nodes[0].keys.operatorAddress, adapter);
    await H.waitStage(net, e3Id, 3, 900_000);
    const dkgS = (Date.now() - t0) / 1000;
    await H.submitInputs(net, e3Id, [3, 4, 5]);
    await H.warpTo(net, schedule.inputEnd + 1n);
    const t1 = Date.now();
    await H.waitStage(net, e3Id, 5, 900_000);
    process.stderr.write(`e2e-proofs: DKG with proofs ${dkgS.toFixed(1)} s, decryption with proofs ${((Date.now() - t1) / 1000).toFixed(1)} s\n`);

    // Every honest member proved its DKG steps and its share, and checked the others'.
    for (const node of net.nodes.slice(0, 2)) {
      const proved = new Set(node.lines.filter((l) => l.msg === 'proved').map((l) => String(l.circuit)));
      for (const c of ['C0', 'C1', 'C2', 'C4', 'C6']) assert.ok(proved.has(c), `node ${node.index} proved ${c}`);
    }
    // The faulty member's decryption share: rejected at both honest members' gates, and excluded.
    const bad = net.nodes[2].keys.operatorAddress.toLowerCase();
    for (const node of net.nodes.slice(0, 2)) {
      const rejected = node.lines.filter((l) => l.msg === 'proof rejected' && String(l.sender).toLowerCase() === bad);
      assert.ok(rejected.length >= 1 && rejected.every((l) => l.phase === 'DecryptionShare'), `node ${node.index} rejected the bad C6 proof only`);
      assert.match(String(rejected[0].reason), /C6 proof rejected/);
      const excluded = node.lines.filter((l) => l.msg === 'party excluded' && String(l.party).toLowerCase() === bad);
      assert.ok(excluded.length >= 1, `node ${node.index} excluded the faulty member`);
      assert.ok(!node.lines.some((l) => l.msg === 'proof rejected' && String(l.sender).toLowerCase() !== bad), 'no honest proof rejected');
    }

    // The plaintext went through the adapter: the sum in coefficient 0 of C7's packed words.
    const e = await H.getE3(net, e3Id);
    assert.equal(e.decryptionVerifier.toLowerCase(), adapter.toLowerCase());
    const [ev] = await net.pub.getContractEvents({ address: net.d.contracts.orchestrator, abi: e3OrchestratorAbi, eventName: 'PlaintextOutputPublished', args: { e3Id }, fromBlock: 0n });
    assert.ok(ev, 'plaintext published');
    const [words] = decodeAbiParameters([{ type: 'bytes32[]' }], ev.args.plaintext!);
    const width = BigInt((params.t - 1n).toString(2).length);
    assert.equal(BigInt(words[0]!) & ((1n << width) - 1n), 12n);

    // The posted call, re-verified: the adapter accepts it as posted (T + 1 C6 + C7 verified), and
    // refuses one changed plaintext word.
    const posted = net.nodes.flatMap((n) => n.lines).filter((l) => l.msg === 'tx' && l.fn === 'publishPlaintextOutput' && l.status === 'mined');
    assert.equal(posted.length, 1, 'one plaintext publication mined');
    const tx = await net.pub.getTransaction({ hash: posted[0].hash as Hex });
    const call = decodeFunctionData({ abi: e3OrchestratorAbi, data: tx.input });
    assert.equal(call.functionName, 'publishPlaintextOutput');
    const [, plaintext, proof] = call.args as readonly [bigint, Hex, Hex];
    const verify = (pt: Hex) => net.pub.readContract({ address: adapter, abi: decryptionProofAdapterAbi, functionName: 'verifyDecryption', args: [e3Id, e.ciphertextCommitment, pt, proof] });
    assert.equal(await verify(plaintext), true);
    const changed = [...words];
    changed[0] = toHex(BigInt(words[0]!) + 1n, { size: 32 });
    // Refused: the C7 verifier reverts (SumcheckFailed) and the revert propagates through the
    // adapter; the orchestrator's try/catch counts a revert as a rejection (HonkAdapters.sol).
    const refusal = await verify(encodeAbiParameters([{ type: 'bytes32[]' }], [changed])).catch((e: unknown) => e);
    assert.ok(refusal === false || (refusal instanceof BaseError && refusal.walk((x) => x instanceof ContractFunctionRevertedError) !== null), `changed plaintext not refused: ${String(refusal)}`);
    const gas = await net.pub.estimateContractGas({ address: adapter, abi: decryptionProofAdapterAbi, functionName: 'verifyDecryption', args: [e3Id, e.ciphertextCommitment, plaintext, proof] });
    process.stderr.write(`e2e-proofs: publishPlaintextOutput ${String(posted[0].gasUsed)} gas; DecryptionProofAdapter.verifyDecryption ≈ ${gas} gas (T = 1: 3 UltraHonk verifications)\n`);
  }
});
