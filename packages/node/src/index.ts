/**
 * @interfold/node: the ciphernode. `startNode(options)` / `Ciphernode` (init → start → close),
 * `registerOperator` for `e3 node register`, and the building blocks (chain adapter, protocol core,
 * wire, store, keystore, network, HTTP, config) for tools that need them.
 */
export * from './types.js';
export * from './daemon/index.js';
export * from './chain/index.js';
// Program plugins (a module exports `createProgram(id: bigint): Program`; src/core/program.ts).
export { sumProgram, ProgramRegistry, ProgramFailedError, type Program, type ProgramInput, type ProgramContext, type ProgramFactory } from './core/program.js';
export { ciphertextFromBytes } from './core/ciphertext.js';
// The session shape a program's E3 gets (the CLI compiles the key fold for it).
export { sessionFor, paramSetById, DEFAULT_MAX_INPUTS } from './core/index.js';
export { programEntries, type ProgramEntry } from './config/index.js';
// Proofs (docs/node/core.md "Proofs"): pass `proofs: new CircuitProofSystem()` to a Ciphernode to prove and check C0-C2, C4, C6.
export { CircuitProofSystem, PROVED_PHASES, type CircuitProofOptions } from './proofs/index.js';
export { noProofsYet } from './wire/proof.js';
