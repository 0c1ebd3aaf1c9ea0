/**
 * Maps any error a command throws (ours, viem's, the contracts package's) to a CliError, so
 * every failure prints the same way with a distinct exit code. Kept apart from errors.ts: it
 * loads viem and the contracts bindings, which `--help` and usage errors never need.
 */
import { BaseError } from '@interfold/ring';
import { DeploymentError, AnvilError, decodeRevert } from '@interfold/contracts';
import {
  BaseError as ViemBaseError,
  ContractFunctionRevertedError,
  HttpRequestError,
  TimeoutError as ViemTimeoutError,
  WebSocketRequestError,
  ChainMismatchError,
} from 'viem';
import { CliError, NetworkError, RevertError, ConfigError } from './errors.js';

function hasCode(e: unknown, codes: readonly string[]): boolean {
  let cur: unknown = e;
  for (let depth = 0; depth < 8 && cur !== null && typeof cur === 'object'; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && codes.includes(code)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

const NET_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT'];

/** Maps any thrown value to a CliError (ours pass through unchanged). */
export function classify(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ViemBaseError) {
    const revert = decodeRevert(error);
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert !== undefined || reverted !== null) {
      const name = revert?.errorName ?? (reverted instanceof ContractFunctionRevertedError ? reverted.reason ?? reverted.data?.errorName : undefined);
      const args = revert?.args.map((a) => (typeof a === 'bigint' ? a.toString() : String(a))).join(', ');
      return new RevertError(`the chain rejected the call${name ? `: ${name}` : ''}`, {
        details: name ? `${name}(${args ?? ''})` : error.shortMessage,
        hint: 'read the error name above: docs/CONTRACTS.md lists each custom error and its cause',
        cause: error,
      });
    }
    if (error.walk((e) => e instanceof HttpRequestError || e instanceof WebSocketRequestError || e instanceof ViemTimeoutError) !== null) {
      return new NetworkError('the RPC endpoint did not answer', {
        details: error.shortMessage,
        hint: 'check --rpc-url (or E3_RPC_URL) and that the node behind it is running',
        cause: error,
      });
    }
    if (error.walk((e) => e instanceof ChainMismatchError) !== null) {
      return new NetworkError('the RPC endpoint serves another chain', { details: error.shortMessage, hint: 'use the RPC URL of the chain the deployment file names', cause: error });
    }
    if (error.shortMessage.toLowerCase().includes('revert')) {
      return new RevertError('the chain rejected the call', { details: error.shortMessage, cause: error });
    }
  }
  if (hasCode(error, NET_CODES)) {
    return new NetworkError('could not reach the RPC endpoint', {
      details: error instanceof Error ? error.message : String(error),
      hint: 'check --rpc-url (or E3_RPC_URL) and that the node behind it is running',
      cause: error,
    });
  }
  if (error instanceof DeploymentError) {
    if (error.shortMessage === 'transaction reverted') {
      return new RevertError('a deployment transaction reverted', { details: error.details, cause: error });
    }
    return new ConfigError(error.shortMessage, { details: error.details, hint: 'pass the deployment JSON written by `e3 dev --keep` or `npm run chain`', cause: error });
  }
  if (error instanceof AnvilError) {
    return new CliError(error.shortMessage, { details: error.details, hint: 'run `npm ci` (it installs anvil), then retry', cause: error });
  }
  if (error instanceof BaseError) {
    return new CliError(error.shortMessage, { details: error.details, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CliError('unexpected error', { details: message, hint: 'this is a bug: rerun with E3_DEBUG=1 for the stack and report it', cause: error });
}

