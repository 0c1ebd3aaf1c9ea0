/**
 * Complaints against a dealer and their public resolution (the checks of spec 003 C3/C4 that are
 * decidable without ZK, in the style of the complaint round of Pedersen/GJKR DKGs).
 *
 * A recipient whose transport ciphertexts decrypt to an out-of-range value or to a share that does
 * not match the dealer's commitment publishes a Complaint. The dealer answers with a ShareOpening:
 * the accuser's shares and the randomness of their encryptions. Anyone then re-encrypts (the
 * encryption is deterministic given its randomness, transport.ts) and checks the commitment:
 * - the opening reproduces the published ciphertexts AND matches the commitment → the complaint was
 *   false: the accuser is at fault;
 * - anything else (no opening, malformed randomness, wrong ciphertexts, wrong commitment) → the
 *   dealer is at fault.
 * The accuser's share becomes public, which is harmless: an honest accuser's dealer is excluded
 * anyway, and a dishonest accuser already knew it.
 */
import { PublicKey, type BfvParameters } from '@interfold/bfv';
import { equalBytes, shareCommitment, type ShareTriple } from './commit.js';
import type { Complaint, EncryptedShareBundle, ShareCommitments, ShareOpening } from './messages.js';
import type { Session } from './session.js';
import { checkRandomness, encryptWithRandomness, limbPlaintext } from './transport.js';

export type ComplaintVerdict = { readonly faulty: 'dealer' | 'accuser'; readonly reason: string };

/** The polynomials of a triple in transport order: sk limbs, esm limbs, mask limbs. */
export function tripleLimbs(s: ShareTriple): Float64Array[] {
  return [s.sk, s.esm, s.mask].flatMap((p) => p.limbs as Float64Array[]);
}

export function bundleCiphertexts(b: EncryptedShareBundle) {
  return [...b.sk, ...b.esm, ...b.mask];
}

export function resolveComplaint(
  session: Session,
  complaint: Complaint,
  opening: ShareOpening | undefined,
  commitments: ShareCommitments | undefined,
  bundle: EncryptedShareBundle | undefined,
  recipientPk: PublicKey,
): ComplaintVerdict {
  const { dealer, accuser } = complaint;
  const transport: BfvParameters = session.transport;
  if (!commitments || !bundle) return { faulty: 'dealer', reason: 'no commitments or no bundle published for the accuser' };
  if (!opening) return { faulty: 'dealer', reason: 'no opening' };
  if (opening.dealer !== dealer || opening.recipient !== accuser) return { faulty: 'dealer', reason: 'opening for another pair' };
  if (bundle.dealer !== dealer || bundle.recipient !== accuser) return { faulty: 'dealer', reason: 'bundle for another pair' };
  const entry = commitments.entries.find((e) => e.recipient === accuser);
  if (!entry) return { faulty: 'dealer', reason: 'no commitment for the accuser' };
  if (!equalBytes(shareCommitment(session.id, dealer, accuser, opening.shares), entry.digest)) {
    return { faulty: 'dealer', reason: 'opened shares do not match the commitment' };
  }
  const limbs = tripleLimbs(opening.shares);
  const cts = bundleCiphertexts(bundle);
  if (opening.randomness.length !== limbs.length || cts.length !== limbs.length) return { faulty: 'dealer', reason: 'wrong number of ciphertexts or randomness' };
  for (let i = 0; i < limbs.length; i++) {
    const bad = checkRandomness(transport, opening.randomness[i]);
    if (bad) return { faulty: 'dealer', reason: `ciphertext ${i}: ${bad}` };
    const ct = encryptWithRandomness(transport, recipientPk, limbPlaintext(transport, limbs[i]), opening.randomness[i]);
    if (!ct.c0.equals(cts[i].c0) || !ct.c1.equals(cts[i].c1) || cts[i].size !== 2) {
      return { faulty: 'dealer', reason: `ciphertext ${i} is not the encryption of the committed share` };
    }
  }
  return { faulty: 'accuser', reason: 'the opening reproduces the ciphertexts and the commitment' };
}
