export * from './errors.js';
export { seal, open, NONCE_BYTES, TAG_BYTES } from './aead.js';
export {
  KEYSTORE_VERSION,
  DEFAULT_SCRYPT,
  INSECURE_TEST_SCRYPT,
  createKeystore,
  createKeystoreFile,
  unlockKeystore,
  unlockKeystoreFile,
  deriveStoreKey,
  type NodeKeys,
  type ScryptParams,
  type CreateKeystoreOptions,
} from './keystore.js';
export { readPassword, type PasswordSource, type PasswordIo } from './password.js';
