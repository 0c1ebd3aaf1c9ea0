import { BaseError } from '@interfold/ring';

/** Base of every keystore error. */
export class KeystoreError extends BaseError {
  override name = 'KeystoreError';
}

/** The password does not open the keystore (or the file was altered: AES-GCM cannot tell them apart). */
export class WrongPasswordError extends KeystoreError {
  override name = 'WrongPasswordError';
}

/** The keystore file is not valid JSON, misses a field, or a field is out of range. */
export class KeystoreCorruptError extends KeystoreError {
  override name = 'KeystoreCorruptError';
}

/** The keystore was written by a format version this node does not read. */
export class KeystoreVersionError extends KeystoreError {
  override name = 'KeystoreVersionError';
}

/** A password source (file, environment variable, prompt) could not give a password. */
export class PasswordSourceError extends KeystoreError {
  override name = 'PasswordSourceError';
}
