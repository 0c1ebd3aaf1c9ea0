export { BallotConfigError, InvalidBallotError, BallotOutputError } from './errors.js';
export { makePoll, type BallotConfig, type Poll } from './config.js';
export { ballotVector, encodeBallot, checkBallotVector, optionIndex } from './encode.js';
export { computeTally, lastBallots, type BallotInput } from './compute.js';
export { decodeTally, plainTally, type Tally } from './decode.js';
export { ballotProgram, LEAKAGE } from './program.js';
export { runBallot, type RunBallotOptions, type BallotRun, type Vote } from './run.js';
export { createProgram, type Program, type ProgramInput, type ProgramContext } from './module.js';
export { deployBallot, configurePoll, proveBallot, ballotInputStatus, type BallotDeployment, type BallotBinding } from './chain.js';
