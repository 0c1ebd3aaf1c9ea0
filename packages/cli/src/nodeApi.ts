/**
 * What the CLI uses of the ciphernode package. The daemon and registration come from its public
 * entry (@interfold/node); the keystore and config modules are not re-exported there yet, so they
 * are imported from their folders (packages/node/src/keystore, src/config: infra's, committed).
 * One place to switch to the package entry once it exports them.
 */
export { registerOperator, runCiphernodeProcess, EXIT as CIPHERNODE_EXIT } from '@interfold/node';
export { createKeystoreFile, unlockKeystoreFile, readPassword, INSECURE_TEST_SCRYPT, type PasswordSource } from '../../node/src/keystore/index.js';
export { loadConfig } from '../../node/src/config/index.js';
// The compute provider of `e3 dev` (src/dev/compute.ts) runs the nodes' own program code and
// output encoding, so what it publishes is byte for byte what every member recomputes; its verify
// step trims a proved plaintext as the members' signed output is trimmed (withoutTrailingZeros).
export { InputLog, ProgramRegistry, sumProgram, paramSetById, ciphertextToBytes, ciphertextCommitment, withoutTrailingZeros } from '../../node/src/core/index.js';
