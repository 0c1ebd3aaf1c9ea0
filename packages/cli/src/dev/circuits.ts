/**
 * The user-encryption circuit of one parameter set, ready before the chain starts: compiled with
 * noir_wasm, keyed, and (first run on a machine) the INSECURE development CRS generated — all
 * cached by the circuits package ($INTERFOLD_CACHE or ~/.cache/interfold) for later runs. Its
 * verifier is then deployed with the SDK's deployUserEncryptionVerifier.
 */
import { parameterSet } from '@interfold/sdk';
import { deployUserEncryptionVerifier } from '@interfold/sdk/node';
import { resolveConfig, userEncryptionFor } from '@interfold/circuits';
import type { Signer } from '@interfold/contracts';
import type { Address } from 'viem';

export type PreparedCircuits = {
  detail: string;
  /** Deploys the circuit's verifier (libraries, Honk verifier, input verifier); its address. */
  deployVerifier(deployer: Signer): Promise<Address>;
};

export async function prepareCircuits(paramsName: string): Promise<PreparedCircuits> {
  const params = parameterSet(paramsName);
  const warnings: string[] = [];
  const ue = await userEncryptionFor(params, { warn: (m) => warnings.push(m) });
  const stats = ue.circuit.circuit.stats;
  return {
    detail: `${stats.gates.toLocaleString("en-US")} gates, cache ${resolveConfig().cacheDir}${warnings.some((w) => /INSECURE|development/i.test(w)) ? ' (INSECURE development CRS)' : ''}`,
    async deployVerifier(deployer) {
      return (await deployUserEncryptionVerifier(deployer, params)).inputVerifier;
    },
  };
}
