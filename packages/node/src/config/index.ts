export { ConfigError, type ConfigSource } from './errors.js';
export { loadConfig, parseFlags, FIELDS, DEFAULTS, type NodeConfig, type PhaseTimeouts, type LoadConfigOptions } from './config.js';
export { programEntries, PROGRAMS, type ProgramEntry } from './programs.js';
