/**
 * @interfold/sdk/node: what only Node can do — prove with the native prover (nodeProver) and
 * deploy the real user-encryption input verifier of a parameter set (deployUserEncryptionVerifier).
 */
export { nodeProver } from './prover/node.js';
export { deployUserEncryptionVerifier, browserCircuitAssets, type DeployedInputVerifier } from './deployVerifier.js';
