/**
 * The data pool's program contract on anvil (contracts/programs/DataPoolProgram.sol and the
 * orchestrator's output gate): a second input of the same submitter is refused; below the minimum
 * number of distinct contributors the output ciphertext is refused (ProgramRefusedOutput) and the
 * E3 fails at its compute deadline with the requester refunded; at the minimum it is accepted.
 * Only the requester configures the minimum, once, before inputs open.
 */
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { BaseError, ContractFunctionRevertedError, type Address } from 'viem';
import { e3OrchestratorAbi, programRegistryAbi } from '../src/abis.js';
import { dataPoolProgramAbi, dataPoolProgramBytecode } from '../src/generated/artifacts.js';
import * as H from './helpers.js';

let f: H.Fixture;
const STAGE_FAILED = 6; // E3Types.sol Stage
let pool: Address;
let programId: bigint;

before(async () => {
  f = await H.setup({ operators: 4 });
  const hash = await f.deployer.deployContract({ abi: dataPoolProgramAbi, bytecode: dataPoolProgramBytecode, args: [f.d.contracts.orchestrator] });
  pool = (await f.pub.waitForTransactionReceipt({ hash })).contractAddress!;
  await H.tx(f.deployer, f.d.contracts.programRegistry, programRegistryAbi, 'registerProgram', [pool, 'datapool/sum/v1']);
  programId = await f.pub.readContract({ address: f.d.contracts.programRegistry, abi: programRegistryAbi, functionName: 'programCount' });
});

after(async () => {
  await f?.close();
});

/** A revert of DataPoolProgram itself (its errors are not in the system-wide error ABI), by name, via viem's decoding. */
async function refuses(p: Promise<unknown>, name: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof BaseError && e.walk((x) => x instanceof ContractFunctionRevertedError && x.data?.errorName === name) !== null);
}

const configure = (e3Id: bigint, min: number, by = f.requester) => H.tx(by, pool, dataPoolProgramAbi, 'configure', [e3Id, min]);
const claimable = (a: Address) => f.pub.readContract({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'claimable', args: [a] });

test('below the minimum: the output is refused and the E3 fails with a refund', async () => {
  const e3Id = await H.requestE3(f, { programId });
  await refuses(configure(e3Id, 2, f.outsider), 'NotRequester');
  await refuses(configure(e3Id, 0), 'InvalidMinimum');
  await configure(e3Id, 2);
  await refuses(configure(e3Id, 1), 'AlreadyConfigured');
  const members = await H.formCommittee(f, e3Id);
  await H.publishKey(f, e3Id, members);
  const inputs = await H.publishInputs(f, e3Id, members, [f.outsider]);
  // The same hospital again: refused by the program hook.
  const again = await H.makeInput(f, e3Id, members, '0x1234');
  await H.expectRevert(H.tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'publishInput', [e3Id, again]), 'InputInvalidForProgram');
  await H.expectRevert(H.publishOutput(f, e3Id, inputs), 'ProgramRefusedOutput');
  const e = await H.getE3(f, e3Id);
  const before = await claimable(f.requester.account.address);
  await H.warpTo(f, e.schedule.computeDeadline + 1n);
  await H.tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'markFailed', [e3Id]);
  assert.equal((await H.getE3(f, e3Id)).stage, STAGE_FAILED);
  assert.ok((await claimable(f.requester.account.address)) > before, 'the requester is refunded');
});

test('at the minimum: the output is accepted; an unconfigured pool takes no input', async () => {
  const e3Id = await H.requestE3(f, { programId });
  await configure(e3Id, 2);
  const members = await H.formCommittee(f, e3Id);
  await H.publishKey(f, e3Id, members);
  const inputs = await H.publishInputs(f, e3Id, members, [f.outsider, f.requester]);
  await H.publishOutput(f, e3Id, inputs);
  assert.equal(await f.pub.readContract({ address: pool, abi: dataPoolProgramAbi, functionName: 'contributors', args: [e3Id] }), 2);

  const open = await H.requestE3(f, { programId });
  const m2 = await H.formCommittee(f, open);
  await H.publishKey(f, open, m2);
  await H.expectRevert(H.publishInputs(f, open, m2, [f.outsider]), 'InputInvalidForProgram');
  await refuses(configure(open, 1), 'InputsAlreadyOpen');
});
