/**
 * The result of `e3 dev`: one JSON object (--json, on stdout) or a short text summary. Field
 * names are the issue's contract with scripts and bench:e3; keep them stable.
 */
import type { GasReport } from './gas.js';

export type DevReport = {
  e3Id: string;
  params: string;
  n: number;
  T: number;
  program: string;
  /** the plaintext inputs submitted (public here: this is a demonstration network) */
  inputs: (number | string)[];
  result: number | string | null;
  expected: number | string;
  correct: boolean;
  /** seconds per stage, in the order they ran */
  stages_s: Record<string, number>;
  proofs: { generated: number; verified_on_chain: number };
  /**
   * Which contract accepted the plaintext: DecryptionProofAdapter (T + 1 C6 proofs and a C7 proof
   * verified on chain; the default) or CommitteeQuorumVerifier (T + 1 signatures; --no-proofs).
   */
  decryption_verifier?: string;
  /** Which contract accepted the public key: PkAggregateAdapter (the key fold; --fold) or CommitteeQuorumVerifier (T + 1 signatures). */
  pk_verifier?: string;
  /** gas by function (deploy, register, request, submitTicket, publishInput, …) and total */
  gas: Record<string, number>;
  wall_s: number;
};

export function gasFields(setup: GasReport, e3: GasReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(e3.byFunction)) out[k] = v;
  out.setup_total = setup.total;
  out.e3_total = e3.total;
  return out;
}

export function formatReport(r: DevReport): string {
  const lines = [
    '',
    `E3 ${r.e3Id}  ${r.program} over ${r.inputs.length} inputs  (${r.params}, n = ${r.n}, T = ${r.T})`,
    `  inputs    ${r.inputs.join(', ')}`,
    `  result    ${String(r.result)}   expected ${String(r.expected)}   ${r.correct ? 'correct ✔' : 'WRONG ✖'}`,
    `  proofs    ${r.proofs.generated} generated, ${r.proofs.verified_on_chain} verified on chain${r.decryption_verifier ? ` (plaintext: ${r.decryption_verifier}${r.pk_verifier ? `, key: ${r.pk_verifier}` : ''})` : ''}`,
    '  stages',
    ...Object.entries(r.stages_s).map(([k, v]) => `    ${k.padEnd(14)}${v.toFixed(2).padStart(8)} s`),
    '  gas',
    ...Object.entries(r.gas).map(([k, v]) => `    ${k.padEnd(24)}${v.toLocaleString('en-US').padStart(14)}`),
    `  wall      ${r.wall_s.toFixed(1)} s`,
    '',
  ];
  return lines.join('\n');
}
