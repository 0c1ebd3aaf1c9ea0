/**
 * The user-encryption circuit of one parameter set, ready before the chain starts: compiled with
 * noir_wasm, keyed, and (first run on a machine) the INSECURE development CRS generated — all
 * cached by the circuits package ($INTERFOLD_CACHE or ~/.cache/interfold) for later runs. Its
 * verifier is then deployed with the SDK's deployUserEncryptionVerifier.
 */
import { parameterSet } from '@interfold/sdk';
import { deployUserEncryptionVerifier } from '@interfold/sdk/node';
import { onDevCrsProgress, resolveConfig, userEncryptionFor } from '@interfold/circuits';
import type { Signer } from '@interfold/contracts';
import type { Address } from 'viem';

export type PreparedCircuits = {
  detail: string;
  /** Deploys the circuit's verifier (libraries, Honk verifier, input verifier); its address. */
  deployVerifier(deployer: Signer): Promise<Address>;
};

/**
 * `note` receives progress text for the stage line: the development CRS's generation (first run
 * on a machine: only the points this circuit needs, then cached) as it goes.
 */
export async function prepareCircuits(paramsName: string, note: (detail: string) => void = () => {}): Promise<PreparedCircuits> {
  const params = parameterSet(paramsName);
  const warnings: string[] = [];
  const warn = (m: string): void => {
    warnings.push(m);
    if (m.startsWith('development CRS:')) note(m);
  };
  let shown = -1;
  onDevCrsProgress((done, total) => {
    // Whole tens of per cent only: one line each when the output is not a terminal.
    const pct = Math.floor((done * 10) / total) * 10;
    if (pct === shown) return;
    shown = pct;
    note(`development CRS: ${pct}% of ${total.toLocaleString('en-US')} points (first run on this machine; cached)`);
  });
  let ue: Awaited<ReturnType<typeof userEncryptionFor>>;
  try {
    ue = await userEncryptionFor(params, { warn });
  } finally {
    onDevCrsProgress(undefined);
  }
  const stats = ue.circuit.circuit.stats;
  return {
    detail: `${stats.gates.toLocaleString("en-US")} gates, cache ${resolveConfig().cacheDir}${warnings.some((w) => /INSECURE|development/i.test(w)) ? ' (INSECURE development CRS)' : ''}`,
    async deployVerifier(deployer) {
      return (await deployUserEncryptionVerifier(deployer, params)).inputVerifier;
    },
  };
}
