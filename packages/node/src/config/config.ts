/**
 * Node configuration (issue 8, "Lifecycle"): a typed object from a JSON file, the environment
 * (`INTERFOLD_*`) and command-line flags, with precedence flags > env > file > defaults. Every
 * value is validated; a bad one is a ConfigError naming the field and its source.
 *
 * The JSON file uses the field names below (nested `password`, `timeouts`, `zk`); relative paths
 * in it are relative to the file. Environment variable and flag for each field: see FIELDS.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { multiaddr } from '@multiformats/multiaddr';
import { LOG_LEVELS, type LogLevel } from '../log/index.js';
import type { PasswordSource } from '../keystore/index.js';
import { ConfigError, type ConfigSource } from './errors.js';
import { programEntries, PROGRAMS, type ProgramEntry } from './programs.js';

export type PhaseTimeouts = {
  /** Whole DKG (share distribution, complaints) before missing members are excluded. */
  readonly dkg: number;
  /** Aggregator fail-over: the next live party takes over after this long. */
  readonly aggregator: number;
  /** Decryption-share collection. */
  readonly decryption: number;
  /** One request/response of the sync protocol. */
  readonly sync: number;
};

export type NodeConfig = {
  readonly dataDir: string;
  readonly keystore: string;
  readonly password: PasswordSource;
  readonly rpcUrl: string;
  readonly wsUrl: string | undefined;
  readonly deployment: string;
  readonly chainId: number;
  readonly listen: readonly string[];
  readonly bootstrap: readonly string[];
  readonly httpPort: number;
  readonly httpHost: string;
  readonly logLevel: LogLevel;
  readonly reorgDepth: number;
  readonly confirmations: number;
  /** Milliseconds. */
  readonly timeouts: PhaseTimeouts;
  /**
   * The circuits' cache (compiled circuits, keys, verifiers, development CRS; content-hashed, so
   * every node and E3 of a machine shares one compile); default: @interfold/circuits' own
   * ($INTERFOLD_CACHE, else ~/.cache/interfold).
   */
  readonly zk: { readonly cacheDir: string | undefined; readonly production: boolean };
  /**
   * Prove this node's DKG and decryption steps and verify every peer's (src/proofs: C0, C1, C2a/b,
   * C4a/b, C6; the aggregator proves C7 for the on-chain DecryptionProofAdapter). Default true.
   * `false` is for development only: peers' steps are then unchecked (docs/node/daemon.md).
   */
  readonly proofs: boolean;
  /** Program modules by on-chain program id (src/config/programs.ts); the built-in sum needs none. */
  readonly programs: readonly ProgramEntry[];
};

type Kind = 'path' | 'string' | 'httpUrl' | 'wsUrl' | 'int' | 'bool' | 'multiaddrs' | 'peerAddrs' | 'logLevel' | 'ms';
type Field = { readonly path: string; readonly env: string; readonly flag: string; readonly kind: Kind; readonly min?: number; readonly max?: number };

/** Every plain field: its dotted path (file), environment variable and flag. */
export const FIELDS: readonly Field[] = [
  { path: 'dataDir', env: 'INTERFOLD_DATA_DIR', flag: 'data-dir', kind: 'path' },
  { path: 'keystore', env: 'INTERFOLD_KEYSTORE', flag: 'keystore', kind: 'path' },
  { path: 'rpcUrl', env: 'INTERFOLD_RPC_URL', flag: 'rpc-url', kind: 'httpUrl' },
  { path: 'wsUrl', env: 'INTERFOLD_WS_URL', flag: 'ws-url', kind: 'wsUrl' },
  { path: 'deployment', env: 'INTERFOLD_DEPLOYMENT', flag: 'deployment', kind: 'path' },
  { path: 'chainId', env: 'INTERFOLD_CHAIN_ID', flag: 'chain-id', kind: 'int', min: 1, max: 2 ** 53 - 1 },
  { path: 'listen', env: 'INTERFOLD_LISTEN', flag: 'listen', kind: 'multiaddrs' },
  { path: 'bootstrap', env: 'INTERFOLD_BOOTSTRAP', flag: 'bootstrap', kind: 'peerAddrs' },
  { path: 'httpPort', env: 'INTERFOLD_HTTP_PORT', flag: 'http-port', kind: 'int', min: 0, max: 65535 },
  { path: 'httpHost', env: 'INTERFOLD_HTTP_HOST', flag: 'http-host', kind: 'string' },
  { path: 'logLevel', env: 'INTERFOLD_LOG_LEVEL', flag: 'log-level', kind: 'logLevel' },
  { path: 'reorgDepth', env: 'INTERFOLD_REORG_DEPTH', flag: 'reorg-depth', kind: 'int', min: 0, max: 1024 },
  { path: 'confirmations', env: 'INTERFOLD_CONFIRMATIONS', flag: 'confirmations', kind: 'int', min: 0, max: 1024 },
  { path: 'timeouts.dkg', env: 'INTERFOLD_TIMEOUT_DKG', flag: 'timeout-dkg', kind: 'ms' },
  { path: 'timeouts.aggregator', env: 'INTERFOLD_TIMEOUT_AGGREGATOR', flag: 'timeout-aggregator', kind: 'ms' },
  { path: 'timeouts.decryption', env: 'INTERFOLD_TIMEOUT_DECRYPTION', flag: 'timeout-decryption', kind: 'ms' },
  { path: 'timeouts.sync', env: 'INTERFOLD_TIMEOUT_SYNC', flag: 'timeout-sync', kind: 'ms' },
  { path: 'zk.cacheDir', env: 'INTERFOLD_ZK_CACHE_DIR', flag: 'zk-cache-dir', kind: 'path' },
  { path: 'zk.production', env: 'INTERFOLD_ZK_PRODUCTION', flag: 'zk-production', kind: 'bool' },
  { path: 'proofs', env: 'INTERFOLD_PROOFS', flag: 'proofs', kind: 'bool' },
];
/** The password source: file / env / prompt (one of them). */
const PASSWORD = { env: { file: 'INTERFOLD_PASSWORD_FILE', env: 'INTERFOLD_PASSWORD_ENV' }, flag: { file: 'password-file', env: 'password-env', prompt: 'password-prompt' } } as const;

export const DEFAULTS = Object.freeze({
  dataDir: './interfold-data',
  rpcUrl: 'http://127.0.0.1:8545',
  chainId: 31337,
  listen: ['/ip4/0.0.0.0/tcp/9000'],
  bootstrap: [] as string[],
  httpPort: 9100,
  httpHost: '127.0.0.1',
  logLevel: 'info' as LogLevel,
  reorgDepth: 12,
  confirmations: 2,
  timeouts: { dkg: 120_000, aggregator: 60_000, decryption: 120_000, sync: 10_000 },
  production: false,
  proofs: true,
});

type Raw = { value: unknown; source: ConfigSource; base?: string };

export type LoadConfigOptions = {
  /** Command-line arguments (flags only, e.g. process.argv.slice(2) after the command). */
  readonly argv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Config file; else `--config` / INTERFOLD_CONFIG; else none. */
  readonly file?: string;
  /** Base for relative paths from env and flags (default: process.cwd()). */
  readonly cwd?: string;
};

/** Parse `--name value`, `--name=value` and boolean `--name`; repeated list flags accumulate. */
export function parseFlags(argv: readonly string[]): Map<string, string[]> {
  const known = new Set([...FIELDS.map((f) => f.flag), ...Object.values(PASSWORD.flag), PROGRAMS.flag, 'config']);
  const booleans = new Set(['zk-production', 'password-prompt', 'proofs']);
  const out = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    // `--no-proofs` (development only) is `--proofs false`.
    if (a === '--no-proofs') {
      out.set('proofs', [...(out.get('proofs') ?? []), 'false']);
      continue;
    }
    if (!a.startsWith('--')) throw new ConfigError(a, 'unexpected argument', { source: 'flag', details: 'flags are --name value or --name=value' });
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    if (!known.has(name)) throw new ConfigError(name, 'unknown flag', { source: 'flag' });
    let value: string;
    if (eq >= 0) value = a.slice(eq + 1);
    else if (booleans.has(name) && (i + 1 >= argv.length || argv[i + 1].startsWith('--'))) value = 'true';
    else if (i + 1 < argv.length) value = argv[++i];
    else throw new ConfigError(name, 'flag needs a value', { source: 'flag' });
    out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}

function getPath(obj: Record<string, unknown>, path: string): unknown {
  let cur: unknown = obj;
  for (const p of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError('config', 'cannot read the config file', { source: 'file', details: path, cause: e });
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new ConfigError('config', 'the config file is not valid JSON', { source: 'file', details: path, cause: e });
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ConfigError('config', 'the config file must hold a JSON object', { source: 'file', details: path });
  const allowed = new Set(['password', 'programs', ...FIELDS.map((f) => f.path)]);
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, val] of Object.entries(o)) {
      const p = prefix ? `${prefix}.${k}` : k;
      if (allowed.has(p)) continue;
      if ((p === 'timeouts' || p === 'zk') && typeof val === 'object' && val !== null && !Array.isArray(val)) walk(val as Record<string, unknown>, p);
      else throw new ConfigError(p, 'unknown field', { source: 'file', details: path });
    }
  };
  walk(v as Record<string, unknown>, '');
  return v as Record<string, unknown>;
}

function coerce(field: Field, raw: Raw): unknown {
  const { kind } = field;
  const fail = (msg: string, details?: string, cause?: unknown) => new ConfigError(field.path, msg, { source: raw.source, details, cause });
  const fromText = raw.source === 'env' || raw.source === 'flag';
  let v = raw.value;
  const str = (): string => {
    if (typeof v !== 'string' || v.length === 0) throw fail('must be a non-empty string');
    return v;
  };
  switch (kind) {
    case 'path':
      return resolve(raw.base ?? process.cwd(), str());
    case 'string':
      return str();
    case 'httpUrl':
    case 'wsUrl': {
      const s = str();
      let u: URL;
      try {
        u = new URL(s);
      } catch (e) {
        throw fail('is not a URL', s, e);
      }
      const ok = kind === 'httpUrl' ? ['http:', 'https:'] : ['ws:', 'wss:'];
      if (!ok.includes(u.protocol)) throw fail(`must be a ${ok.join(' or ')} URL`, s);
      return s;
    }
    case 'int':
    case 'ms': {
      if (fromText) v = /^-?\d+$/.test(str()) ? Number(v) : NaN;
      const min = field.min ?? (kind === 'ms' ? 1 : 0);
      const max = field.max ?? (kind === 'ms' ? 86_400_000 : Number.MAX_SAFE_INTEGER);
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw fail('must be an integer', String(raw.value));
      if (v < min || v > max) throw fail(`must be in [${min}, ${max}]`, String(v));
      return v;
    }
    case 'bool': {
      if (fromText) {
        if (v === 'true' || v === '1') return true;
        if (v === 'false' || v === '0') return false;
        throw fail('must be true or false', String(v));
      }
      if (typeof v !== 'boolean') throw fail('must be true or false', String(v));
      return v;
    }
    case 'logLevel':
      if (!(LOG_LEVELS as readonly unknown[]).includes(v)) throw fail(`must be one of ${LOG_LEVELS.join(', ')}`, String(v));
      return v;
    case 'multiaddrs':
    case 'peerAddrs': {
      const list = fromText ? (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean) : v;
      if (!Array.isArray(list) || list.some((s) => typeof s !== 'string')) throw fail('must be a list of multiaddrs');
      for (const s of list as string[]) {
        let ma;
        try {
          ma = multiaddr(s);
        } catch (e) {
          throw fail('holds an invalid multiaddr', s, e);
        }
        if (kind === 'peerAddrs' && ma.getComponents().every((c) => c.name !== 'p2p')) throw fail('each bootstrap address needs a /p2p/<peer id>', s);
      }
      if (kind === 'multiaddrs' && list.length === 0) throw fail('needs at least one address');
      return [...(list as string[])];
    }
  }
}

function passwordSource(file: Record<string, unknown>, fileBase: string | undefined, env: NodeJS.ProcessEnv, flags: Map<string, string[]>, cwd: string): PasswordSource {
  const last = (name: string) => flags.get(name)?.at(-1);
  const fail = (source: ConfigSource, msg: string) => new ConfigError('password', msg, { source });
  const flagSet = [PASSWORD.flag.file, PASSWORD.flag.env, PASSWORD.flag.prompt].filter((f) => flags.has(f));
  if (flagSet.length > 1) throw fail('flag', `give one of --${PASSWORD.flag.file}, --${PASSWORD.flag.env}, --${PASSWORD.flag.prompt}`);
  if (flagSet[0] === PASSWORD.flag.file) return { kind: 'file', path: resolve(cwd, last(PASSWORD.flag.file) ?? '') };
  if (flagSet[0] === PASSWORD.flag.env) return { kind: 'env', name: last(PASSWORD.flag.env) ?? '' };
  if (flagSet[0] === PASSWORD.flag.prompt) return { kind: 'prompt' };
  const pf = env[PASSWORD.env.file];
  const pe = env[PASSWORD.env.env];
  if (pf && pe) throw fail('env', `set only one of ${PASSWORD.env.file}, ${PASSWORD.env.env}`);
  if (pf) return { kind: 'file', path: resolve(cwd, pf) };
  if (pe) return { kind: 'env', name: pe };
  const p = file.password;
  if (p === undefined || p === 'prompt') return { kind: 'prompt' };
  if (typeof p === 'object' && p !== null && !Array.isArray(p)) {
    const o = p as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && typeof o.file === 'string' && o.file) return { kind: 'file', path: resolve(fileBase ?? cwd, o.file) };
    if (keys.length === 1 && typeof o.env === 'string' && o.env) return { kind: 'env', name: o.env };
  }
  throw fail('file', 'must be "prompt", { "file": path } or { "env": NAME }');
}

/** Build and validate the configuration from defaults, a file, the environment and flags. */
export function loadConfig(options: LoadConfigOptions = {}): NodeConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const flags = parseFlags(options.argv ?? []);
  const filePath = options.file ?? flags.get('config')?.at(-1) ?? env.INTERFOLD_CONFIG;
  const file = filePath ? readConfigFile(resolve(cwd, filePath)) : {};
  const fileBase = filePath ? dirname(resolve(cwd, filePath)) : undefined;

  const values = new Map<string, unknown>();
  for (const f of FIELDS) {
    const flag = flags.get(f.flag);
    let raw: Raw | undefined;
    if (flag) raw = { value: f.kind === 'multiaddrs' || f.kind === 'peerAddrs' ? flag : flag.at(-1), source: 'flag', base: cwd };
    else if (env[f.env] !== undefined) raw = { value: env[f.env], source: 'env', base: cwd };
    else if (getPath(file, f.path) !== undefined) raw = { value: getPath(file, f.path), source: 'file', base: fileBase };
    if (raw) values.set(f.path, coerce(f, raw));
  }
  const dataDir = (values.get('dataDir') as string | undefined) ?? resolve(cwd, DEFAULTS.dataDir);
  const get = <T>(path: string, dflt: T): T => (values.has(path) ? (values.get(path) as T) : dflt);
  const config: NodeConfig = {
    dataDir,
    keystore: get('keystore', resolve(dataDir, 'keystore.json')),
    password: passwordSource(file, fileBase, env, flags, cwd),
    rpcUrl: get('rpcUrl', DEFAULTS.rpcUrl),
    wsUrl: get<string | undefined>('wsUrl', undefined),
    deployment: get('deployment', resolve(dataDir, 'deployment.json')),
    chainId: get('chainId', DEFAULTS.chainId),
    listen: get('listen', DEFAULTS.listen),
    bootstrap: get('bootstrap', DEFAULTS.bootstrap),
    httpPort: get('httpPort', DEFAULTS.httpPort),
    httpHost: get('httpHost', DEFAULTS.httpHost),
    logLevel: get('logLevel', DEFAULTS.logLevel),
    reorgDepth: get('reorgDepth', DEFAULTS.reorgDepth),
    confirmations: get('confirmations', DEFAULTS.confirmations),
    timeouts: {
      dkg: get('timeouts.dkg', DEFAULTS.timeouts.dkg),
      aggregator: get('timeouts.aggregator', DEFAULTS.timeouts.aggregator),
      decryption: get('timeouts.decryption', DEFAULTS.timeouts.decryption),
      sync: get('timeouts.sync', DEFAULTS.timeouts.sync),
    },
    zk: { cacheDir: get<string | undefined>('zk.cacheDir', undefined), production: get('zk.production', DEFAULTS.production) },
    proofs: get('proofs', DEFAULTS.proofs),
    programs: Object.freeze(programEntries(file, fileBase, env, flags, cwd)),
  };
  if (config.confirmations > config.reorgDepth) {
    throw new ConfigError('confirmations', 'must not exceed reorgDepth', { details: `${config.confirmations} > ${config.reorgDepth}` });
  }
  return Object.freeze(config);
}
