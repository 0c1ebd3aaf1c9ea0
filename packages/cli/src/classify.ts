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
import { CliError, NetworkError, RevertError, ConfigError, E3FailedError, NotReadyError, WaitTimeoutError } from './errors.js';

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

/** A revert anywhere in the cause chain (the SDK and the node wrap viem's errors). */
function revertIn(error: unknown): RevertError | undefined {
  let cur: unknown = error;
  for (let depth = 0; depth < 8 && cur instanceof Error; depth++) {
    if (cur instanceof ViemBaseError) {
      const r = decodeRevert(cur);
      if (r !== undefined) {
        const args = r.args.map((a) => (typeof a === 'bigint' ? a.toString() : String(a))).join(', ');
        return new RevertError(`the chain rejected the call: ${r.errorName}`, {
          details: `${r.errorName}(${args})${error instanceof BaseError ? ` — ${error.shortMessage}` : ''}`,
          hint: 'docs/CONTRACTS.md lists each custom error and its cause',
          cause: error,
        });
      }
    }
    cur = cur.cause;
  }
  return undefined;
}

/**
 * Typed errors of the SDK and the node, by their stable `name` (so this module need not load
 * those packages): the exit code each maps to.
 */
function byName(e: BaseError): CliError | undefined {
  const o = { details: e.details, cause: e };
  switch (e.name) {
    case 'StageError':
      return /fail/i.test(e.shortMessage)
        ? new E3FailedError(e.shortMessage, { ...o, hint: '`e3 status` shows the stage and the failure reason' })
        : new NotReadyError(e.shortMessage, { ...o, hint: 'wait for the stage (`e3 status`), or use --wait where the command has it' });
    case 'E3NotFoundError':
      return new ConfigError(e.shortMessage, { ...o, hint: 'check --e3-id and that --deployment is the deployment the E3 was requested on' });
    case 'PublicKeyError':
    case 'ResultError':
      return new E3FailedError(e.shortMessage, { ...o, hint: 'what the chain verified and what was published differ: do not trust this E3' });
    case 'WaitTimeoutError':
      return new WaitTimeoutError(e.shortMessage, { ...o, hint: 'raise --timeout' });
    case 'ConfigurationError':
      return /RPC/.test(e.shortMessage)
        ? new NetworkError(e.shortMessage, { ...o, hint: 'check --rpc-url (or E3_RPC_URL)' })
        : new ConfigError(e.shortMessage, { ...o, hint: 'check the deployment file (--deployment)' });
    case 'WrongPasswordError':
      return new ConfigError(e.shortMessage, { ...o, hint: 'check --password-file / the password environment variable' });
    case 'KeystoreCorruptError':
    case 'KeystoreVersionError':
    case 'PasswordSourceError':
    case 'ConfigError':
      return new ConfigError(e.shortMessage, { ...o, hint: 'the message names the file or field to fix' });
    default:
      return undefined;
  }
}

/** Maps any thrown value to a CliError (ours pass through unchanged). */
export function classify(error: unknown): CliError {
  if (error instanceof CliError) return error;
  const revert = revertIn(error);
  if (revert !== undefined) return revert;
  if (error instanceof BaseError) {
    const named = byName(error);
    if (named !== undefined) return named;
  }
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

