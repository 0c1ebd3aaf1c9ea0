/**
 * The data pool on chain (anvil, INSECURE_N512, real UltraHonk proofs through the deployed
 * data-pool verifier): DataPoolProgram + ProgramInputAdapter accept a contribution whose counts
 * are proved in [0, maxCount] and bound to its submitter, and refuse — with the adapter's reason —
 * an encryption-valid contribution with a count out of range (no data-pool proof exists for it),
 * a contribution copied by another hospital, a second contribution of the same hospital (the
 * program's one-per-submitter rule), and any input to a pool whose minimum is not fixed.
 */
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { encodeCoeffs, encryptWithWitness } from '@interfold/bfv';
import { centredCiphertext, closeUserEncryption, encodeCiphertext, encodeProgramInput, inputContext, userEncryptionFor, type DataPoolCircuit } from '@interfold/circuits';
import { dataPoolProgramAbi } from '@interfold/contracts';
import type { Hex } from 'viem';
import type { DataPoolConfig } from '../src/config.js';
import { InvalidContributionError } from '../src/errors.js';
import { configurePool, dataPoolCircuit, deployDataPool, poolInputStatus, proveContribution, type DataPoolDeployment } from '../src/chain.js';
import { devWallet, H, keyedE3, params, publishInput, testKey } from '../../ballot/test/onchain.js';

let f: H.Fixture;
let circuit: DataPoolCircuit;
let pool: DataPoolDeployment;
const pk = testKey('datapool');
// The committed program.nr shape (8 fields, max 1000): the compile cache is shared with circuits' tests.
const config: DataPoolConfig = { fields: ['flu', 'covid', 'rsv', 'measles', 'mumps', 'pertussis', 'tb', 'other'], maxCount: 1000n, minContributors: 2, maxContributors: 10 };

before(async () => {
  f = await H.setup({ operators: 3 });
  circuit = await dataPoolCircuit(params, config);
  pool = await deployDataPool(f.deployer, f.d, circuit);
});

after(async () => {
  await circuit?.close();
  await closeUserEncryption();
  await f?.close();
});

test('a proved contribution is accepted; out of range, copied, repeated or unconfigured inputs are refused with a reason', async () => {
  const a = f.outsider;
  const b = devWallet(f, 4);
  const { e3Id, pkCommitment } = await keyedE3(f, {
    programId: pool.programId,
    inputVerifier: pool.inputAdapter,
    pk,
    beforeInputs: (id) => configurePool(f.requester, pool.program, id, config),
  });
  const where = { chainId: f.chainId, orchestrator: f.d.contracts.orchestrator, e3Id, params, publicKey: pk, config };
  const status = async (who: `0x${string}`, data: Hex) => (await poolInputStatus(f.pub, pool.inputAdapter, e3Id, pkCommitment, who, data)).name;
  const contributors = () => f.pub.readContract({ address: pool.program, abi: dataPoolProgramAbi, functionName: 'contributors', args: [e3Id] });

  const good = await proveContribution(circuit, { ...where, submitter: a.account.address, counts: [12, 0, 7, 1000, 3, 0, 1, 44] });
  assert.equal(await status(a.account.address, good), 'Accepted');
  await publishInput(f, a, e3Id, good);
  assert.equal(await contributors(), 1);

  // The same hospital again: the proof holds, the program refuses a second contribution.
  assert.equal(await status(a.account.address, good), 'Accepted');
  await H.expectRevert(publishInput(f, a, e3Id, good), 'InputInvalidForProgram');

  // Copied by another hospital.
  assert.equal(await status(b.account.address, good), 'SubmitterMismatch');
  await H.expectRevert(publishInput(f, b, e3Id, good), 'InputRejected');

  // Out of range: refused before proving; with only a (valid) encryption proof, refused on chain.
  await assert.rejects(proveContribution(circuit, { ...where, submitter: b.account.address, counts: [5, 1001, 0, 0, 0, 0, 0, 0] }), InvalidContributionError);
  const ue = await userEncryptionFor(params);
  const { ciphertext, witness } = encryptWithWitness(params, pk, encodeCoeffs(params, [5, 1001, 0, 0, 0, 0, 0, 0]));
  const plain = await ue.circuit.proveWitness(witness, { context: inputContext({ chainId: f.chainId, orchestrator: f.d.contracts.orchestrator, e3Id, submitter: b.account.address }) });
  const outOfRange = encodeProgramInput(encodeCiphertext(centredCiphertext(ciphertext), circuit.inner.layout), plain.proof, b.account.address);
  assert.equal(await status(b.account.address, outOfRange), 'ProofRejected');
  await H.expectRevert(publishInput(f, b, e3Id, outOfRange), 'InputRejected');
  assert.equal(await contributors(), 1);

  // A pool whose minimum is not fixed takes no input.
  const open = await keyedE3(f, { programId: pool.programId, inputVerifier: pool.inputAdapter, pk });
  assert.equal((await poolInputStatus(f.pub, pool.inputAdapter, open.e3Id, open.pkCommitment, a.account.address, good)).name, 'NotConfigured');
});
