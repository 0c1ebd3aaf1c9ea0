/**
 * Typed `as const` ABIs and bytecode (from src/generated/artifacts.ts), plus one ABI holding
 * every custom error and event of the system, to decode a revert that bubbled up from another
 * contract (e.g. a token or the registry) or to follow all logs with one filter.
 */
import type { Abi } from 'viem';
import * as A from './generated/artifacts.js';

export {
  testTokenAbi, testTokenBytecode,
  operatorRegistryAbi, operatorRegistryBytecode,
  programRegistryAbi, programRegistryBytecode,
  e3OrchestratorAbi, e3OrchestratorBytecode,
  slashingManagerAbi, slashingManagerBytecode,
  committeeQuorumVerifierAbi, committeeQuorumVerifierBytecode,
  singleSubmissionProgramAbi, singleSubmissionProgramBytecode,
  attesterProofVerifierAbi, attesterProofVerifierBytecode,
  honkPkVerifierAdapterAbi, honkPkVerifierAdapterBytecode,
  honkInputVerifierAdapterAbi, honkInputVerifierAdapterBytecode,
  honkDecryptionVerifierAdapterAbi, honkDecryptionVerifierAdapterBytecode,
  userEncryptionInputAdapterAbi, userEncryptionInputAdapterBytecode,
  userEncryptionBlobInputAdapterAbi, userEncryptionBlobInputAdapterBytecode,
  attesterInputVerifierAbi, attesterInputVerifierBytecode,
  decryptionProofAdapterAbi, decryptionProofAdapterBytecode,
  decryptionAggregateAdapterAbi, decryptionAggregateAdapterBytecode,
  pkAggregateAdapterAbi, pkAggregateAdapterBytecode,
  fixedCommitteeViewAbi, fixedCommitteeViewBytecode,
  dataPoolProgramAbi, dataPoolProgramBytecode,
  ballotProgramAbi, ballotProgramBytecode,
  programInputAdapterAbi, programInputAdapterBytecode,
  inputRelayerAbi, inputRelayerBytecode,
  SOURCES_HASH,
} from './generated/artifacts.js';

/** Deployed (runtime) bytecode size of each contract, bytes (EIP-170 limit: 24,576). */
export const deployedSizes = {
  TestToken: A.testTokenDeployedSize,
  OperatorRegistry: A.operatorRegistryDeployedSize,
  ProgramRegistry: A.programRegistryDeployedSize,
  E3Orchestrator: A.e3OrchestratorDeployedSize,
  SlashingManager: A.slashingManagerDeployedSize,
  CommitteeQuorumVerifier: A.committeeQuorumVerifierDeployedSize,
  SingleSubmissionProgram: A.singleSubmissionProgramDeployedSize,
  AttesterProofVerifier: A.attesterProofVerifierDeployedSize,
  HonkPkVerifierAdapter: A.honkPkVerifierAdapterDeployedSize,
  HonkInputVerifierAdapter: A.honkInputVerifierAdapterDeployedSize,
  HonkDecryptionVerifierAdapter: A.honkDecryptionVerifierAdapterDeployedSize,
  UserEncryptionInputAdapter: A.userEncryptionInputAdapterDeployedSize,
  UserEncryptionBlobInputAdapter: A.userEncryptionBlobInputAdapterDeployedSize,
  AttesterInputVerifier: A.attesterInputVerifierDeployedSize,
  DecryptionProofAdapter: A.decryptionProofAdapterDeployedSize,
  DecryptionAggregateAdapter: A.decryptionAggregateAdapterDeployedSize,
  PkAggregateAdapter: A.pkAggregateAdapterDeployedSize,
  FixedCommitteeView: A.fixedCommitteeViewDeployedSize,
  InputRelayer: A.inputRelayerDeployedSize,
} as const;

const all = [
  A.testTokenAbi,
  A.operatorRegistryAbi,
  A.programRegistryAbi,
  A.e3OrchestratorAbi,
  A.slashingManagerAbi,
  A.committeeQuorumVerifierAbi,
  A.singleSubmissionProgramAbi,
  A.attesterProofVerifierAbi,
  A.honkPkVerifierAdapterAbi,
  A.honkInputVerifierAdapterAbi,
  A.honkDecryptionVerifierAdapterAbi,
  A.userEncryptionInputAdapterAbi,
  A.userEncryptionBlobInputAdapterAbi,
  A.attesterInputVerifierAbi,
  A.decryptionProofAdapterAbi,
  A.decryptionAggregateAdapterAbi,
  A.pkAggregateAdapterAbi,
  A.fixedCommitteeViewAbi,
] as const;

function uniqueBy(kind: 'error' | 'event'): Abi {
  const seen = new Map<string, Abi[number]>();
  for (const abi of all) {
    for (const item of abi as Abi) {
      if (item.type !== kind) continue;
      const key = `${item.name}(${item.inputs.map((i) => i.type).join(',')})`;
      if (!seen.has(key)) seen.set(key, item);
    }
  }
  return [...seen.values()];
}

/** Every custom error of every contract (deduplicated by signature). */
export const interfoldErrorsAbi: Abi = uniqueBy('error');
/** Every event of every contract (deduplicated by signature). */
export const interfoldEventsAbi: Abi = uniqueBy('event');
