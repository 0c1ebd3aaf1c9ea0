/**
 * `npm run bench:gas`: gas of each external function in a representative E3 with committees
 * n = 3 (T = 1) and n = 10 (T = 4), on a real anvil, plus registry and slashing calls and the
 * runtime bytecode sizes. Writes bench/results/gas.json (at the repository root).
 *
 * Representative payloads (the CommitteeQuorumVerifier stands in for the ZK verifiers, so the
 * verification cost here is T + 1 ECDSA recoveries, not an UltraHonk verification):
 * public key 8 KiB, each input 1 KiB of ciphertext + quorum proof, output ciphertext 8 KiB,
 * plaintext 64 bytes, 5 inputs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeAbiParameters, keccak256, parseEther, toHex, type Hex, type TransactionReceipt } from 'viem';
import * as H from '../../test/helpers.js';
import { e3OrchestratorAbi, operatorRegistryAbi, slashingManagerAbi, testTokenAbi, deployedSizes } from '../abis.js';
import { bestTicket } from '../sortition.js';
import {
  decryptionAttestationHash,
  encodeQuorumInput,
  inputAttestationHash,
  inputRootOf,
  pkAttestationHash,
  proofPayloadHash,
  signAccusation,
  signNodeMessage,
  signRejectOutput,
  sortSigned,
  statementOf,
} from '../signing.js';
import { AttestationKind } from '../types.js';

type Stat = { calls: number; min: number; max: number; mean: number };
class GasLog {
  private readonly m = new Map<string, number[]>();
  add(name: string, r: TransactionReceipt): void {
    const list = this.m.get(name) ?? [];
    list.push(Number(r.gasUsed));
    this.m.set(name, list);
  }
  toJSON(): Record<string, Stat> {
    const out: Record<string, Stat> = {};
    for (const [k, v] of this.m) {
      out[k] = { calls: v.length, min: Math.min(...v), max: Math.max(...v), mean: Math.round(v.reduce((a, b) => a + b, 0) / v.length) };
    }
    return out;
  }
}

const bytes = (n: number, tag: number): Hex => toHex(new Uint8Array(n).map((_, i) => (i * 31 + tag) & 0xff));

async function e3Run(f: H.Fixture, n: number, t: number): Promise<Record<string, Stat>> {
  const g = new GasLog();
  const O = f.d.contracts.orchestrator;
  const params = await H.requestParams(f, { committeeSize: n, threshold: t });
  g.add('request', await H.tx(f.requester, O, e3OrchestratorAbi, 'request', [params]));
  const e3Id = await f.pub.readContract({ address: O, abi: e3OrchestratorAbi, functionName: 'e3Count' });
  let e = await H.getE3(f, e3Id);
  await H.mine(f, Number(f.d.config.seedDelay) + 1);
  g.add('fixSeed', await H.tx(f.outsider, O, e3OrchestratorAbi, 'fixSeed', [e3Id]));
  e = await H.getE3(f, e3Id);
  // Submissions in descending score order: every one is kept and the sorted insert works
  // hardest (worst case for the on-chain insertion), up to n; then one more replaces the worst.
  const best = [];
  for (const o of f.operators) {
    const b = bestTicket(o.account.address, await H.ticketsAt(f, o.account.address, e.schedule.requestBlock), e3Id, e.seed);
    if (b) best.push({ ...b, signer: o.signer });
  }
  best.sort((a, b) => (BigInt(a.score) > BigInt(b.score) ? -1 : 1));
  for (const b of best.slice(best.length - n - 1)) g.add('submitTicket', await H.tx(b.signer, O, e3OrchestratorAbi, 'submitTicket', [e3Id, b.ticket]));
  await H.warpTo(f, e.schedule.sortitionDeadline + 1n);
  g.add('finalizeCommittee', await H.tx(f.outsider, O, e3OrchestratorAbi, 'finalizeCommittee', [e3Id]));
  const members = [...(await f.pub.readContract({ address: O, abi: e3OrchestratorAbi, functionName: 'committeeOf', args: [e3Id] }))];
  const accts = H.memberAccounts(f, members).slice(0, t + 1);

  const pk = bytes(8192, 1);
  const pkProof = await H.quorumProof(f, accts, e3Id, AttestationKind.PublicKey, pkAttestationHash(H.PK_COMMITMENT, pk));
  g.add('publishPublicKey', await H.tx(f.outsider, O, e3OrchestratorAbi, 'publishPublicKey', [e3Id, pk, H.PK_COMMITMENT, pkProof]));
  e = await H.getE3(f, e3Id);
  await H.warpTo(f, e.schedule.inputStart);
  const inputs: Hex[] = [];
  const senders = [f.requester, f.outsider, f.compute, f.deployer, ...f.operators.slice(0, 1).map((o) => o.signer)];
  for (const [i, s] of senders.entries()) {
    const ct = bytes(1024, 10 + i);
    const proof = await H.quorumProof(f, accts, e3Id, AttestationKind.Input, inputAttestationHash(e.pkCommitment, ct));
    const data = encodeQuorumInput(ct, proof);
    g.add('publishInput', await H.tx(s, O, e3OrchestratorAbi, 'publishInput', [e3Id, data]));
    inputs.push(data);
  }
  await H.warpTo(f, e.schedule.inputEnd + 1n);
  const ct = bytes(8192, 2);
  g.add('publishCiphertextOutput', await H.tx(f.compute, O, e3OrchestratorAbi, 'publishCiphertextOutput', [e3Id, ct, H.CT_COMMITMENT, inputRootOf(inputs)]));
  const pt = bytes(64, 3);
  const decProof = await H.quorumProof(f, accts, e3Id, AttestationKind.Decryption, decryptionAttestationHash(H.CT_COMMITMENT, pt));
  g.add('publishPlaintextOutput (pays the committee)', await H.tx(f.outsider, O, e3OrchestratorAbi, 'publishPlaintextOutput', [e3Id, pt, decProof]));
  g.add('withdraw', await H.tx(H.signerOf(f, members[0]), O, e3OrchestratorAbi, 'withdraw'));

  // Failure paths on fresh E3s of the same shape.
  const e2 = await H.requestE3(f, { committeeSize: n, threshold: t });
  const m2 = await H.formCommittee(f, e2);
  const s2 = await H.getE3(f, e2);
  await H.warpTo(f, s2.schedule.keyDeadline + 1n);
  g.add('markFailed (DkgTimeout, full refund)', await H.tx(f.outsider, O, e3OrchestratorAbi, 'markFailed', [e2]));
  const e3 = await H.requestE3(f, { committeeSize: n, threshold: t });
  const m3 = await H.formCommittee(f, e3);
  await H.publishKey(f, e3, m3);
  const in3 = await H.publishInputs(f, e3, m3, [f.outsider]);
  await H.publishOutput(f, e3, in3);
  const c3 = (await H.getE3(f, e3)).ciphertextHash;
  const rej = await Promise.all(H.memberAccounts(f, m3).slice(0, t + 1).map((a) => signRejectOutput(a, { chainId: f.chainId, orchestrator: O, e3Id: e3, ciphertextHash: c3 })));
  g.add('rejectCiphertextOutput (pays the DKG share)', await H.tx(f.outsider, O, e3OrchestratorAbi, 'rejectCiphertextOutput', [e3, sortSigned(rej)]));

  // Slashing on this committee.
  const S = f.d.contracts.slashingManager;
  const ma = H.memberAccounts(f, m2);
  const msg = { chainId: f.chainId, slashingManager: S, e3Id: e2, slot: 1n };
  const a = keccak256('0x0a');
  const b = keccak256('0x0b');
  g.add('slashEquivocation', await H.tx(f.outsider, S, slashingManagerAbi, 'slashEquivocation', [
    e2, m2[0], 1n, a, await signNodeMessage(ma[0], { ...msg, payloadHash: a }), b, await signNodeMessage(ma[0], { ...msg, payloadHash: b }),
  ]));
  const pi: Hex[] = [keccak256('0x01'), keccak256('0x02')];
  const wrong = await f.attester.signMessage({ message: { raw: keccak256('0x03') } });
  g.add('slashInvalidProof', await H.tx(f.outsider, S, slashingManagerAbi, 'slashInvalidProof', [
    e2, m2[1], 2n, 1, wrong, pi, await signNodeMessage(ma[1], { ...msg, slot: 2n, payloadHash: proofPayloadHash(1, wrong, pi) }),
  ]));
  // Accusations on the third committee (all its members still in good standing).
  const m3a = H.memberAccounts(f, m3);
  const accused = m3[n - 1];
  const accusers = m3a.slice(0, t + 1);
  const accuseWith = async (inputs: Hex[]) => {
    const statement = statementOf(inputs);
    const sigs = sortSigned(await Promise.all(accusers.map((x) => signAccusation(x, { chainId: f.chainId, slashingManager: S, e3Id: e3, accused, proofKind: 1, statement }))));
    const r = await H.tx(f.outsider, S, slashingManagerAbi, 'accuse', [e3, accused, 1, statement, sigs]);
    const [ev] = await f.pub.getContractEvents({ address: S, abi: slashingManagerAbi, eventName: 'Accused', fromBlock: r.blockNumber, toBlock: r.blockNumber });
    return { r, id: ev.args.accusationId!, deadline: ev.args.appealDeadline! };
  };
  const acc1 = await accuseWith(pi);
  g.add('accuse', acc1.r);
  const good = await f.attester.signMessage({ message: { raw: keccak256(encodeAbiParameters([{ type: 'bytes32[]' }], [pi])) } });
  g.add('appeal (dismissed by a valid proof)', await H.tx(f.outsider, S, slashingManagerAbi, 'appeal', [acc1.id, good, pi]));
  const acc2 = await accuseWith([keccak256('0x04')]);
  g.add('accuse', acc2.r);
  await H.warpTo(f, acc2.deadline + 1n);
  g.add('executeAccusation', await H.tx(f.outsider, S, slashingManagerAbi, 'executeAccusation', [acc2.id]));
  return g.toJSON();
}

async function registryRun(f: H.Fixture): Promise<Record<string, Stat>> {
  const g = new GasLog();
  const R = f.d.contracts.operatorRegistry;
  const s = f.outsider;
  await H.tx(f.deployer, f.d.contracts.bondToken, testTokenAbi, 'mint', [s.account.address, parseEther('1000')]);
  await H.tx(s, f.d.contracts.bondToken, testTokenAbi, 'approve', [R, parseEther('1000')]);
  g.add('register', await H.tx(s, R, operatorRegistryAbi, 'register'));
  g.add('addTickets (first, inactive)', await H.tx(s, R, operatorRegistryAbi, 'addTickets', [5n]));
  g.add('addBond (activates)', await H.tx(s, R, operatorRegistryAbi, 'addBond', [parseEther('100')]));
  g.add('addTickets', await H.tx(s, R, operatorRegistryAbi, 'addTickets', [5n]));
  g.add('deregister', await H.tx(s, R, operatorRegistryAbi, 'deregister'));
  const info = await f.pub.readContract({ address: R, abi: operatorRegistryAbi, functionName: 'operatorInfo', args: [s.account.address] });
  await H.warpTo(f, info.exitUnlockAt);
  g.add('withdrawExited', await H.tx(s, R, operatorRegistryAbi, 'withdrawExited'));
  return g.toJSON();
}

const f = await H.setup({ operators: 14 });
try {
  const started = Date.now();
  const n3 = await e3Run(f, 3, 1);
  const n10 = await e3Run(f, 10, 4);
  const registry = await registryRun(f);
  const [largestName, largestSize] = Object.entries(deployedSizes).sort((a, b) => b[1] - a[1])[0];
  const result = {
    generatedAt: new Date().toISOString(),
    command: 'npm run bench:gas',
    toolchain: { solc: '0.8.37 (solc-js)', optimizerRuns: 200, evmVersion: 'cancun', chain: 'anvil 1.7.1 (hardfork cancun)' },
    payloads: { publicKeyBytes: 8192, inputCiphertextBytes: 1024, inputs: 5, outputCiphertextBytes: 8192, plaintextBytes: 64, verifier: 'CommitteeQuorumVerifier (T + 1 ECDSA signatures)' },
    e3: { 'n=3,T=1': n3, 'n=10,T=4': n10 },
    registry,
    bytecodeSizes: deployedSizes,
    largestContract: { name: largestName, runtimeBytes: largestSize, limit: 24_576, underLimit: largestSize < 24_576 },
  };
  const target = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'bench', 'results', 'gas.json');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(result, null, 2) + '\n');
  const pad = (s: string) => s.padEnd(46);
  for (const [label, table] of Object.entries(result.e3)) {
    console.log(`\n${label}`);
    for (const [k, v] of Object.entries(table)) console.log(`  ${pad(k)} ${v.calls > 1 ? `mean ${v.mean} (min ${v.min}, max ${v.max}, ${v.calls} calls)` : v.mean}`);
  }
  console.log('\nregistry');
  for (const [k, v] of Object.entries(registry)) console.log(`  ${pad(k)} ${v.mean}`);
  console.log(`\nlargest contract: ${largestName} ${largestSize} bytes (limit 24576)`);
  console.log(`wrote ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await f.close();
}
