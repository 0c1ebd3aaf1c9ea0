/**
 * The command-line parser: node:util parseArgs (strict) plus typed options (integer ranges,
 * choices, environment fallbacks, required values) and generated help. No framework: a command
 * is a plain object (`defineCommand`) whose option table drives parsing, validation and --help.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export type OptionSpec = {
  kind: 'string' | 'boolean' | 'integer' | 'choice';
  description: string;
  short?: string;
  /** Shown in help after the flag, e.g. `--n <count>`. */
  placeholder?: string;
  default?: string | number | boolean;
  choices?: readonly string[];
  min?: number;
  max?: number;
  /** Environment variable read when the flag is absent. */
  env?: string;
  required?: boolean;
};

export type Options = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S['kind'] extends 'boolean'
  ? boolean
  : S['kind'] extends 'integer'
    ? number
    : S extends { choices: readonly (infer C)[] }
      ? C
      : string;

/** Parsed values: defined when the option has a default, is required, or is a boolean. */
export type Values<O extends Options> = {
  [K in keyof O]: O[K] extends { default: unknown } | { required: true } | { kind: 'boolean' } ? ValueOf<O[K]> : ValueOf<O[K]> | undefined;
};

export type Io = {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT / SIGTERM: long-running commands stop what they started and return. */
  signal: AbortSignal;
};

export type Command<O extends Options = Options> = {
  /** Words after `e3`, e.g. ['node', 'init']. */
  path: readonly string[];
  summary: string;
  /** Paragraphs shown by --help under the usage line. */
  description: string;
  options: O;
  examples?: readonly string[];
  /** Returns the exit code (0 when it returns nothing). */
  run(values: Values<O>, io: Io): Promise<number | void>;
};

export type AnyCommand = Command<Options>;

/** Keeps the literal option table so `run` sees typed values. */
export function defineCommand<const O extends Options>(command: Command<O>): AnyCommand {
  return command as unknown as AnyCommand;
}

function commandName(c: AnyCommand): string {
  return ['e3', ...c.path].join(' ');
}

function parseInteger(name: string, raw: string, spec: OptionSpec, c: AnyCommand): number {
  if (!/^-?[0-9]+$/.test(raw.trim())) {
    throw new UsageError(`--${name} expects a whole number`, { details: `got "${raw}"`, hint: `see \`${commandName(c)} --help\`` });
  }
  const v = Number(raw);
  if (!Number.isSafeInteger(v) || (spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
    const range = `${spec.min ?? '-∞'}..${spec.max ?? '∞'}`;
    throw new UsageError(`--${name} must be in ${range}`, { details: `got ${raw}`, hint: `see \`${commandName(c)} --help\`` });
  }
  return v;
}

/**
 * Parses `argv` (the words after the command path) for command `c`. Throws UsageError naming
 * the bad flag and pointing at --help. `--help` is handled by the caller before this.
 */
export function parseCommandArgs(c: AnyCommand, argv: readonly string[], env: NodeJS.ProcessEnv): Record<string, unknown> {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(c.options)) {
    config[name] = { type: spec.kind === 'boolean' ? 'boolean' : 'string', ...(spec.short ? { short: spec.short } : {}) };
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (cause) {
    const msg = (cause instanceof Error ? cause.message.split('\n')[0] : String(cause)).split('. To specify')[0];
    throw new UsageError(`bad arguments for \`${commandName(c)}\``, { details: msg, hint: `see \`${commandName(c)} --help\``, cause });
  }
  if (parsed.positionals.length > 0) {
    throw new UsageError(`\`${commandName(c)}\` takes no positional argument`, {
      details: `unexpected "${parsed.positionals[0]}"`,
      hint: `see \`${commandName(c)} --help\``,
    });
  }
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(c.options)) {
    let raw: string | boolean | undefined = parsed.values[name];
    let source = `--${name}`;
    if (raw === undefined && spec.env !== undefined && env[spec.env] !== undefined && env[spec.env] !== '') {
      raw = spec.kind === 'boolean' ? env[spec.env] === '1' || env[spec.env] === 'true' : env[spec.env];
      source = `${spec.env} (environment)`;
    }
    if (raw === undefined) {
      if (spec.required) {
        throw new UsageError(`\`${commandName(c)}\` needs --${name}`, {
          details: spec.env ? `or the environment variable ${spec.env}` : undefined,
          hint: `see \`${commandName(c)} --help\``,
        });
      }
      out[name] = spec.kind === 'boolean' ? (spec.default ?? false) : spec.default;
      continue;
    }
    if (spec.kind === 'boolean') {
      out[name] = raw;
    } else if (typeof raw === 'string' && raw.length === 0) {
      throw new UsageError(`${source} is empty`, { hint: `see \`${commandName(c)} --help\`` });
    } else if (spec.kind === 'integer') {
      out[name] = parseInteger(name, String(raw), spec, c);
    } else if (spec.kind === 'choice') {
      const choices = spec.choices ?? [];
      if (!choices.includes(String(raw))) {
        throw new UsageError(`${source} must be one of ${choices.join(', ')}`, { details: `got "${String(raw)}"`, hint: `see \`${commandName(c)} --help\`` });
      }
      out[name] = raw;
    } else {
      out[name] = raw;
    }
  }
  return out;
}

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line.length > 0 && indent.length + line.length + 1 + word.length > width) {
        out.push(indent + line);
        line = word;
      } else line = line.length > 0 ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out.join('\n');
}

/** The --help text of one command, generated from its option table. */
export function commandHelp(c: AnyCommand, width = 100): string {
  const flags = Object.entries(c.options).map(([name, s]) => {
    const ph = s.kind === 'boolean' ? '' : ` <${s.placeholder ?? (s.kind === 'choice' ? (s.choices ?? []).join('|') : s.kind === 'integer' ? 'n' : 'value')}>`;
    return { left: `${s.short ? `-${s.short}, ` : '    '}--${name}${ph}`, spec: s };
  });
  flags.push({ left: '-h, --help', spec: { kind: 'boolean', description: 'show this help' } });
  const col = Math.min(34, Math.max(...flags.map((f) => f.left.length)) + 2);
  const lines = [`Usage: ${commandName(c)}${Object.keys(c.options).length > 0 ? ' [options]' : ''}`, '', wrap(c.description, width, '  '), '', 'Options:'];
  for (const f of flags) {
    const extra: string[] = [];
    if (f.spec.required) extra.push('required');
    if (f.spec.default !== undefined && f.spec.kind !== 'boolean') extra.push(`default: ${String(f.spec.default)}`);
    if (f.spec.min !== undefined || f.spec.max !== undefined) extra.push(`range ${f.spec.min ?? ''}..${f.spec.max ?? ''}`);
    if (f.spec.env) extra.push(`env ${f.spec.env}`);
    const desc = f.spec.description + (extra.length > 0 ? ` (${extra.join('; ')})` : '');
    const left = `  ${f.left}`.padEnd(col + 2);
    const body = wrap(desc, width, ' '.repeat(col + 2)).trimStart();
    lines.push(left.length > col + 2 ? `  ${f.left}\n${' '.repeat(col + 2)}${body}` : `${left}${body}`);
  }
  if (c.examples && c.examples.length > 0) {
    lines.push('', 'Examples:');
    for (const e of c.examples) lines.push(`  ${e}`);
  }
  return lines.join('\n') + '\n';
}
