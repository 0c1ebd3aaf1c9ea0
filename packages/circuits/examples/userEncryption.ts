/**
 * Encrypt a vote under a threshold-style public key, prove the encryption is well formed, and
 * verify it the way the chain does (the deployed input verifier, here in an in-process EVM).
 *   npm run example:zk            (INSECURE_N512: ~1 min the first time, a few seconds cached)
 */
import { bfvParameters, INSECURE_N512, genSecretKey, genPublicKey, decrypt, decodeCoeffs } from '@interfold/bfv';
import { userEncryptionFor, closeUserEncryption, inputContext } from '../src/index.js';

const params = bfvParameters(INSECURE_N512);
const sk = genSecretKey(params);
const pk = genPublicKey(params, sk);

const ue = await userEncryptionFor(params); // compiles / loads the circuit, CRS, keys, verifier
const pkCommitment = ue.pkCommitment(pk); // what C5 would publish on chain
const vote = [1, 0, 0, 1];
// The proof is bound to where it will be submitted (chain, orchestrator, E3, submitter).
const context = inputContext({ chainId: 31337, orchestrator: '0x5FbDB2315678afecb367f032d93F642f64180aa3', e3Id: 1n, submitter: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' });

let t = performance.now();
const { ciphertext, proof } = await ue.encryptAndProve(pk, vote, { context });
console.log(`proved in ${Math.round(performance.now() - t)} ms, proof ${proof.proof.length} bytes`);

t = performance.now();
const r = await ue.verifyInput(pkCommitment, ciphertext, proof, context);
console.log(`verified: ${r.ok} (${r.gasUsed} gas) in ${Math.round(performance.now() - t)} ms`);
console.log('decrypts to', decodeCoeffs(decrypt(params, sk, ciphertext)).slice(0, vote.length));

await closeUserEncryption();
