export { DataPoolConfigError, InvalidContributionError, TooFewContributorsError, DataPoolOutputError } from './errors.js';
export { checkDataPoolConfig, DEFAULT_MAX_COUNT, type DataPoolConfig } from './config.js';
export { countVector, encodeContribution, type Counts } from './encode.js';
export { computeDataPool, countedContributions, checkContributors, type PoolInput } from './compute.js';
export { decodeDataPool, plainDataPool, type PoolSums } from './decode.js';
export { dataPoolProgram, LEAKAGE } from './program.js';
export { runDataPool, type RunDataPoolOptions, type DataPoolRun, type Submission } from './run.js';
export { createProgram, type Program, type ProgramInput, type ProgramContext } from './module.js';
export { dataPoolCircuit, deployDataPool, configurePool, proveContribution, poolInputStatus, type DataPoolDeployment, type PoolBinding } from './chain.js';
