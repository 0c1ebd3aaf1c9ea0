/** The chain adapter (DESIGN.md: src/chain): events in, transactions out, sortition, registration. */
export { ChainError, EventDecodeError, ReorgTooDeepError, TxRevertedError, RpcUnavailableError, RegistrationError } from './errors.js';
export { NODE_EVENTS, parseOrchestratorLogs, toChainEvent, eventKey, type OrchestratorLog } from './events.js';
export { ChainWatcher, type ChainWatcherOptions, type ChainCursor, type CursorStore, type ChainHead, type BlockRef } from './watcher.js';
export { ChainTxSender, encodeChainTx, EXPECTED_REVERTS, type ChainTxSenderOptions, type TxOutcome } from './tx.js';
export { SortitionDuty, type SortitionDutyOptions } from './sortition.js';
export { registerOperator, type RegisterOperatorOptions, type RegistrationResult } from './register.js';
export { MemoryCursorStore } from './memory-cursor.js';
