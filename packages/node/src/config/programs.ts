/**
 * The `programs` config entry (session-3 agreement): which program module runs under which
 * on-chain program id. File: `"programs": [{ "id": "7", "module": "./ballot.ts" }]`; environment
 * `INTERFOLD_PROGRAMS=7=/abs/ballot.js,8=@scope/pkg`; flags `--program 7=./ballot.ts` (repeatable).
 * Ids are decimal uint256; a module is a package specifier or a file path (relative paths are
 * resolved against the config file for the file, against the working directory otherwise).
 */
import { resolve } from 'node:path';
import { ConfigError, type ConfigSource } from './errors.js';

export type ProgramEntry = { readonly id: bigint; readonly module: string };

export const PROGRAMS = { env: 'INTERFOLD_PROGRAMS', flag: 'program' } as const;

const MAX_UINT256 = (1n << 256n) - 1n;

function entry(id: unknown, module: unknown, source: ConfigSource, base: string, at: string): ProgramEntry {
  const fail = (msg: string, details?: string) => new ConfigError(`programs${at}`, msg, { source, details });
  if (typeof id !== 'string' || !/^\d{1,78}$/.test(id)) throw fail('id must be a decimal string', String(id));
  const n = BigInt(id);
  if (n > MAX_UINT256) throw fail('id must fit in uint256', id);
  if (typeof module !== 'string' || module.trim().length === 0) throw fail('module must be a non-empty string');
  const m = module.trim();
  // A relative path names a file; anything else (absolute path, package name) is kept as written.
  return { id: n, module: m.startsWith('./') || m.startsWith('../') ? resolve(base, m) : m };
}

function fromText(list: readonly string[], source: ConfigSource, base: string): ProgramEntry[] {
  return list
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s, i) => {
      const eq = s.indexOf('=');
      if (eq <= 0) throw new ConfigError(`programs[${i}]`, 'must be ID=MODULE', { source, details: s });
      return entry(s.slice(0, eq), s.slice(eq + 1), source, base, `[${i}]`);
    });
}

/** Programs from flags > env > file (the first source that names any replaces the others). */
export function programEntries(file: Record<string, unknown>, fileBase: string | undefined, env: NodeJS.ProcessEnv, flags: Map<string, string[]>, cwd: string): ProgramEntry[] {
  let out: ProgramEntry[];
  const flag = flags.get(PROGRAMS.flag);
  if (flag) out = fromText(flag, 'flag', cwd);
  else if (env[PROGRAMS.env] !== undefined) out = fromText([env[PROGRAMS.env] ?? ''], 'env', cwd);
  else if (file.programs !== undefined) {
    const list = file.programs;
    if (!Array.isArray(list)) throw new ConfigError('programs', 'must be a list of { "id", "module" }', { source: 'file' });
    out = list.map((e: unknown, i) => {
      if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new ConfigError(`programs[${i}]`, 'must be { "id", "module" }', { source: 'file' });
      const o = e as Record<string, unknown>;
      const extra = Object.keys(o).find((k) => k !== 'id' && k !== 'module');
      if (extra) throw new ConfigError(`programs[${i}].${extra}`, 'unknown field', { source: 'file' });
      return entry(o.id, o.module, 'file', fileBase ?? cwd, `[${i}]`);
    });
  } else out = [];
  const seen = new Set<bigint>();
  for (const e of out) {
    if (seen.has(e.id)) throw new ConfigError('programs', 'the same program id appears twice', { details: `${e.id}` });
    seen.add(e.id);
  }
  return out;
}
