/**
 * @interfold/sdk: the requester and input-submitter SDK (viem-style). Browser-safe: proving in
 * Node comes from `@interfold/sdk/node` (nodeProver), in a browser from createBrowserProver.
 *
 *   const client = createE3Client({ rpcUrl, account, deployment, prover });
 *   const { e3Id } = await client.requestE3({ params: 'INSECURE_N512', committeeSize: 3, threshold: 1 });
 *   const { publicKey } = await client.getPublicKey({ e3Id });        // checked against the chain
 *   const input = await client.proveInput({ e3Id, encrypted: client.encryptInput({ publicKey, message }) });
 *   await client.submitInput({ input });
 *   const { words } = await client.waitForResult({ e3Id });            // checked against plaintextHash
 */
import { createBaseClient, type E3ClientBase, type E3ClientConfig } from './client.js';
import { requestE3, type RequestE3Parameters } from './actions/requestE3.js';
import { getE3, type GetE3Parameters } from './actions/getE3.js';
import { watchE3, type WatchE3Parameters } from './actions/watchE3.js';
import { getPublicKey, type GetPublicKeyParameters } from './actions/getPublicKey.js';
import { encryptInput, type EncryptInputParameters } from './actions/encryptInput.js';
import { proveInput, type ProveInputParameters } from './actions/proveInput.js';
import { submitInput, type SubmitInputParameters } from './actions/submitInput.js';
import { getResult, type GetResultParameters } from './actions/getResult.js';
import { waitForResult, type WaitForResultParameters } from './actions/waitForResult.js';

export function createE3Client(config: E3ClientConfig) {
  const base = createBaseClient(config);
  return {
    ...base,
    requestE3: (p: RequestE3Parameters) => requestE3(base, p),
    getE3: (p: GetE3Parameters) => getE3(base, p),
    watchE3: (p: WatchE3Parameters) => watchE3(base, p),
    getPublicKey: (p: GetPublicKeyParameters) => getPublicKey(base, p),
    encryptInput: (p: EncryptInputParameters) => encryptInput(base, p),
    proveInput: (p: ProveInputParameters) => proveInput(base, p),
    submitInput: (p: SubmitInputParameters) => submitInput(base, p),
    getResult: (p: GetResultParameters) => getResult(base, p),
    waitForResult: (p: WaitForResultParameters) => waitForResult(base, p),
  };
}
export type E3Client = ReturnType<typeof createE3Client>;
export type { E3ClientBase, E3ClientConfig };

export { requestE3, defaultInputVerifier, type RequestE3Parameters, type RequestE3ReturnType } from './actions/requestE3.js';
export { getE3, type GetE3Parameters, type E3View, type E3Record } from './actions/getE3.js';
export { watchE3, type WatchE3Parameters, type E3Watch } from './actions/watchE3.js';
export { getPublicKey, publicKeyCommitment, type GetPublicKeyParameters, type GetPublicKeyReturnType } from './actions/getPublicKey.js';
export { encryptInput, type EncryptInputParameters, type EncryptedInput, type EncryptionWitness } from './actions/encryptInput.js';
export { proveInput, inputModeOf, CALLDATA_INPUT_DATA, type ProveInputParameters, type ProvedInput, type InputMode } from './actions/proveInput.js';
export { submitInput, type SubmitInputParameters, type SubmitInputReturnType } from './actions/submitInput.js';
export { getResult, decodePlaintextWords, type GetResultParameters, type GetResultReturnType } from './actions/getResult.js';
export { waitForResult, type WaitForResultParameters } from './actions/waitForResult.js';
export { blobSidecars, readBlobInput, decodeBlobInputData, anvilBlobFetcher, versionedHash, kzgContext, BLOB_INPUT_DATA, type BlobSidecar, type BlobFetcher, type BlobInputData } from '@interfold/contracts';
export { createBrowserProver, type BrowserProver, type BrowserProverOptions, type BrowserCircuit } from './prover/browser.js';
export type { InputProver, InputProof } from './prover/types.js';
export { parameterSet, parameterSetById, paramSetId } from './params.js';
export * from './errors.js';
