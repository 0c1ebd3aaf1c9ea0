/**
 * Ciphertexts as the chain carries them: the circuits package's canonical encoding
 * (userEncryption/ciphertext.ts: ct0 then ct1, limb by limb, residues in [0, q_i) as 8 bytes
 * big-endian). An input's `data` is the input verifier's ABI tuple whose first member is always
 * `bytes ciphertext` (CommitteeQuorumVerifier: (bytes, bytes); UserEncryptionInputAdapter:
 * (bytes, bytes, uint256, uint256); Honk adapter: (bytes, bytes32, bytes)).
 */
import { Ciphertext, type BfvParameters } from '@interfold/bfv';
import {
  centredCiphertext,
  centredOutput,
  ciphertextCommitment as c6CiphertextCommitment,
  decodeCiphertext,
  decryptionLayout,
  encodeCiphertext,
  userEncryptionLayout,
  type DecryptionLayout,
  type UserEncryptionLayout,
} from '@interfold/circuits';
import { BaseError } from '@interfold/ring';
import { decodeAbiParameters, hexToBytes, toHex, type Hex } from 'viem';
import { InputDecodeError } from './errors.js';

const layouts = new WeakMap<BfvParameters, UserEncryptionLayout>();
export function layoutOf(params: BfvParameters): UserEncryptionLayout {
  let l = layouts.get(params);
  if (!l) layouts.set(params, (l = userEncryptionLayout(params)));
  return l;
}

/** Canonical bytes → bfv Ciphertext (typed InputDecodeError on anything malformed). */
export function ciphertextFromBytes(params: BfvParameters, bytes: Uint8Array): Ciphertext {
  let centred;
  try {
    centred = decodeCiphertext(bytes, layoutOf(params));
  } catch (e) {
    if (e instanceof BaseError) throw new InputDecodeError('Ciphertext does not decode', { cause: e, details: e.shortMessage });
    throw e;
  }
  const polys = [centred.ct0, centred.ct1].map((limbs) => {
    const p = params.ring.zero(false);
    limbs.forEach((limb, i) => {
      const q = params.moduli[i];
      const out = p.limbs[i] as Float64Array;
      limb.forEach((c, j) => {
        out[j] = Number(c < 0n ? c + q : c);
      });
    });
    return p;
  });
  return new Ciphertext(params, polys);
}

export function ciphertextToBytes(ct: Ciphertext): Uint8Array {
  return encodeCiphertext(centredCiphertext(ct), layoutOf(ct.params));
}

const decryptionLayouts = new WeakMap<BfvParameters, DecryptionLayout>();

/**
 * The output commitment posted with the ciphertext: commitRnsPolys(DOMAINS.CIPHERTEXT, [c0, c1])
 * (circuits' decryption `ciphertextCommitment`, docs/ZK.md "Decryption proofs") — the public input
 * every C6 proof of the E3 names, so DecryptionProofAdapter checks the shares against exactly the
 * value stored on chain.
 */
export function ciphertextCommitment(ct: Ciphertext): Hex {
  let l = decryptionLayouts.get(ct.params);
  if (!l) decryptionLayouts.set(ct.params, (l = decryptionLayout(ct.params)));
  return toHex(c6CiphertextCommitment(centredOutput(ct.params, ct), l), { size: 32 });
}

/** The ciphertext bytes inside an input's `data` (first ABI member). */
export function inputCiphertext(params: BfvParameters, data: Hex): Ciphertext {
  let bytes: Hex;
  try {
    [bytes] = decodeAbiParameters([{ type: 'bytes' }], data);
  } catch (e) {
    throw new InputDecodeError('Input data is not an ABI tuple starting with bytes', { cause: e });
  }
  return ciphertextFromBytes(params, hexToBytes(bytes));
}
