/**
 * Decodes the orchestrator's logs (contracts/E3Base.sol events) into the typed ChainEvent union of
 * src/types.ts. The ABI comes from @interfold/contracts, so every field keeps its viem type; only
 * events the node acts on are returned, anything else (fees, configuration) is skipped. Logs are
 * untrusted input: pending logs (no block) and out-of-range enums are typed errors, not events.
 */
import { e3OrchestratorAbi } from '@interfold/contracts';
import { parseEventLogs, type Hex, type Log } from 'viem';
import type { ChainEvent, ChainEventName, EventMeta } from '../types.js';
import { EventDecodeError } from './errors.js';

export type OrchestratorLog = ReturnType<typeof parseEventLogs<typeof e3OrchestratorAbi>>[number];

/** The events the node consumes (every other orchestrator event is ignored). */
export const NODE_EVENTS: readonly ChainEventName[] = Object.freeze([
  'E3Requested',
  'SeedFixed',
  'TicketSubmitted',
  'CommitteeFinalized',
  'PublicKeyPublished',
  'InputPublished',
  'CiphertextOutputPublished',
  'PlaintextOutputPublished',
  'E3Completed',
  'E3Failed',
  'MemberExpelled',
]);
const WANTED = new Set<string>(NODE_EVENTS);

/** Parses raw logs of the orchestrator address; logs of other events or contracts are dropped. */
export function parseOrchestratorLogs(logs: readonly Log[]): OrchestratorLog[] {
  return parseEventLogs({ abi: e3OrchestratorAbi, logs: [...logs], strict: true }).filter((l) => WANTED.has(l.eventName));
}

/** The identity of an event across reorgs and restarts: (block hash, log index). */
export function eventKey(e: Pick<EventMeta, 'blockHash' | 'logIndex' | 'blockNumber'>): string {
  return `${e.blockHash ?? `#${e.blockNumber}`}:${e.logIndex}`;
}

function enumValue(v: number, max: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new EventDecodeError(`${what} out of range`, { details: String(v) });
  return v;
}

/** One decoded log → ChainEvent, given its block's timestamp (unix seconds). */
export function toChainEvent(log: OrchestratorLog, blockTimestamp: bigint): ChainEvent | undefined {
  if (log.blockNumber === null || log.logIndex === null || log.blockHash === null) {
    throw new EventDecodeError('pending log (no block) given to the decoder', { details: log.transactionHash ?? '' });
  }
  const meta = {
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
    blockTimestamp,
    blockHash: log.blockHash as Hex,
    ...(log.transactionHash === null ? {} : { transactionHash: log.transactionHash as Hex }),
  };
  switch (log.eventName) {
    case 'E3Requested': {
      const { e3Id, requester, params, schedule } = log.args;
      return { ...meta, name: 'E3Requested', e3Id, requester, params: { ...params }, schedule: { ...schedule } };
    }
    case 'SeedFixed':
      return { ...meta, name: 'SeedFixed', e3Id: log.args.e3Id, seed: log.args.seed, seedBlock: log.args.seedBlock };
    case 'TicketSubmitted': {
      const { e3Id, node, ticket, score } = log.args;
      return { ...meta, name: 'TicketSubmitted', e3Id, node, ticket, score };
    }
    case 'CommitteeFinalized': {
      const { e3Id, members, threshold, seed } = log.args;
      return { ...meta, name: 'CommitteeFinalized', e3Id, members: [...members], threshold, seed };
    }
    case 'PublicKeyPublished': {
      const { e3Id, publicKey, pkCommitment, pkHash } = log.args;
      return { ...meta, name: 'PublicKeyPublished', e3Id, publicKey, pkCommitment, pkHash };
    }
    case 'InputPublished': {
      const { e3Id, index, sender, data, inputHash, inputRoot } = log.args;
      return { ...meta, name: 'InputPublished', e3Id, index, sender, data, inputHash, inputRoot };
    }
    case 'CiphertextOutputPublished': {
      const { e3Id, ciphertext, ciphertextCommitment, inputRoot, inputCount } = log.args;
      return { ...meta, name: 'CiphertextOutputPublished', e3Id, ciphertext, ciphertextCommitment, inputRoot, inputCount };
    }
    case 'PlaintextOutputPublished':
      return { ...meta, name: 'PlaintextOutputPublished', e3Id: log.args.e3Id, plaintext: log.args.plaintext };
    case 'E3Completed': {
      const { e3Id, committeePay, protocolPay } = log.args;
      return { ...meta, name: 'E3Completed', e3Id, committeePay, protocolPay };
    }
    case 'E3Failed': {
      const { e3Id, failedAt, reason, fault, refund, committeePay } = log.args;
      return {
        ...meta,
        name: 'E3Failed',
        e3Id,
        failedAt: enumValue(failedAt, 6, 'stage'),
        reason: enumValue(reason, 7, 'failure reason'),
        fault: enumValue(fault, 2, 'fault'),
        refund,
        committeePay,
      };
    }
    case 'MemberExpelled': {
      const { e3Id, node, goodMembers } = log.args;
      return { ...meta, name: 'MemberExpelled', e3Id, node, goodMembers };
    }
    default:
      return undefined;
  }
}
