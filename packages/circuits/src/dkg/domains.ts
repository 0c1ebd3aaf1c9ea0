/**
 * Domain separators of the DKG circuits' Fiat–Shamir challenges and of the common random
 * polynomial (issue 9). The commitment tags of C0–C5 outputs are the shared ones in
 * ../commitments/domains.ts (C0_TRANSPORT_PK, C1_*, C2_*, C4_*, PK); these are the DKG-internal
 * ones, kept here so the shared table only grows by outputs other circuits consume.
 */
export const DKG_DOMAINS = Object.freeze({
  /** The session's common random polynomial a (C1 and C5 public input). */
  CRP: 'ifold/dkg/crp/1',
  /** C1: small witnesses (e, r1), alpha (combines the L limb equations), gamma (evaluation point). */
  C1_WITNESS: 'ifold/c1/wit/1',
  C1_ALPHA: 'ifold/c1/alpha/1',
  C1_GAMMA: 'ifold/c1/gamma/1',
  /** C2: the parity quotients, then the evaluation point. */
  C2_QUOTIENT: 'ifold/c2/quot/1',
  C2_GAMMA: 'ifold/c2/gamma/1',
});
