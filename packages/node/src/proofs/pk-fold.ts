/**
 * The key fold on the prover side (PkAggregateAdapter E3s; core/key-fold.ts; circuits
 * src/aggregate/pk.ts): the member's C1 twin in bb's noir-recursive target, and the
 * aggregator's fold of A's twins with C5.
 */
import type { FoldableC1, PkFoldCircuit } from '@interfold/circuits';
import type { PkShare } from '@interfold/threshold';
import type { ProveStatement } from '../types.js';
import { ProofError } from '../wire/errors.js';
import { decodeProofBundle, encodeProofBundle, innerProofFields } from './bundle.js';

/**
 * The fold over every member of A (the key is their sum: unlike decryption there is no other
 * subset to try). Each slot's twin must claim what its EVM proof claimed (the gate checked that);
 * PkFoldCircuit.fold refuses a twin for another session, party, crp or pk share, and the fold is
 * verified on its own deployed verifier before it is returned. A bad twin (gate-checked claims,
 * bad proof) makes the fold fail: ProofError, the daemon answers the core with an empty proof.
 */
export async function provePkFold(fold: PkFoldCircuit, st: Extract<ProveStatement, { circuit: 'PKFOLD' }>): Promise<Uint8Array> {
  const A = st.authorised;
  if (st.proofs.length !== A.length || st.pkShares.length !== A.length) throw new ProofError('key fold: one C1 slot and pk share per member of A');
  const c1s: FoldableC1[] = A.map((party, i) => {
    const its = decodeProofBundle(st.proofs[i]!);
    if (its.length !== 2) throw new ProofError('key fold: a C1 slot without its recursive twin', { details: `party ${party}` });
    const pi = its[1]!.publicInputs;
    if (pi.length !== 6) throw new ProofError('key fold: a C1 twin with the wrong public inputs', { details: `party ${party}` });
    return {
      party,
      publicInputs: { session: pi[0]!, party: pi[1]!, crpCommitment: pi[2]!, skCommitment: pi[3]!, esmCommitment: pi[4]!, pkShareCommitment: pi[5]! },
      proof: { fields: innerProofFields(its[1]!.proof), publicInputs: [...pi] },
    };
  });
  const shares = new Map<number, PkShare>(A.map((party, i) => [party, st.pkShares[i]!]));
  let folded;
  try {
    folded = await fold.fold(c1s, shares, st.session);
  } catch (e) {
    if (e instanceof Error && 'shortMessage' in e) throw new ProofError(`key fold: ${(e as Error & { shortMessage: string }).shortMessage}`, { cause: e });
    throw e;
  }
  const r = await fold.verify(folded.proof, folded.statement);
  if (!r.ok) throw new ProofError('key fold: the fold verifier rejects the fold (a bad recursive C1 twin?)', { details: r.reason ?? `A = {${A.join(', ')}}` });
  return encodeProofBundle([{ publicInputs: folded.publicInputs.map((x) => BigInt(x)), proof: folded.proof }]);
}
