/**
 * `run(argv, io)`: finds the command (longest matching word path), handles --help and
 * --version, parses flags, runs it, and turns any error into a printed message and its exit
 * code. main.ts wires it to the process; tests call it in process.
 */
import { commandHelp, parseCommandArgs, type AnyCommand, type Io } from './args.js';
import { CliError, formatError, UsageError } from './errors.js';
import { ExitCode } from './exitCodes.js';
import { COMMANDS } from './commands/index.js';

export const VERSION = '0.1.0';

function rootHelp(commands: readonly AnyCommand[]): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length)) + 4;
  const lines = [
    'Usage: e3 <command> [options]',
    '',
    '  Interfold TS: request, feed and follow E3s (encrypted computations run by a threshold',
    '  committee), operate a ciphernode, or run a whole local network with `e3 dev`.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.path.join(' ').padEnd(width)}${c.summary}`),
    '',
    'Every command takes --help. Exit codes: 0 ok, 2 usage, 3 network/RPC, 4 chain revert,',
    '5 missing or malformed file, 6 E3 failed or wrong result, 7 timeout, 8 E3 not ready yet,',
    '130 interrupted.',
    'Docs: docs/CLI.md',
  ];
  return lines.join('\n') + '\n';
}

function groupHelp(group: string, commands: readonly AnyCommand[]): string {
  const subs = commands.filter((c) => c.path[0] === group);
  const width = Math.max(...subs.map((c) => c.path.join(' ').length)) + 4;
  return [`Usage: e3 ${group} <command> [options]`, '', 'Commands:', ...subs.map((c) => `  ${c.path.join(' ').padEnd(width)}${c.summary}`), ''].join('\n') + '\n';
}

const isHelp = (a: string): boolean => a === '--help' || a === '-h';

export async function run(argv: readonly string[], io: Io, commands: readonly AnyCommand[] = COMMANDS): Promise<number> {
  try {
    if (argv.length === 0 || (argv.length === 1 && isHelp(argv[0])) || argv[0] === 'help' && argv.length === 1) {
      io.stdout.write(rootHelp(commands));
      return argv.length === 0 ? ExitCode.Usage : ExitCode.Ok;
    }
    if (argv[0] === '--version' || argv[0] === '-V') {
      io.stdout.write(`e3 ${VERSION}\n`);
      return ExitCode.Ok;
    }
    // `e3 help node init` = `e3 node init --help`
    const words = argv[0] === 'help' ? [...argv.slice(1), '--help'] : [...argv];
    let best: AnyCommand | undefined;
    for (const c of commands) {
      if (c.path.every((w, i) => words[i] === w) && (best === undefined || c.path.length > best.path.length)) best = c;
    }
    if (best === undefined) {
      const group = commands.some((c) => c.path.length > 1 && c.path[0] === words[0]);
      if (group) {
        if (words.length === 1 || isHelp(words[1])) {
          io.stdout.write(groupHelp(words[0], commands));
          return words.length === 1 ? ExitCode.Usage : ExitCode.Ok;
        }
        throw new UsageError(`unknown command \`e3 ${words[0]} ${words[1]}\``, { hint: `see \`e3 ${words[0]} --help\`` });
      }
      throw new UsageError(`unknown command \`${words[0]}\``, { hint: 'see `e3 --help` for the list of commands' });
    }
    const rest = words.slice(best.path.length);
    if (rest.some(isHelp)) {
      io.stdout.write(commandHelp(best));
      return ExitCode.Ok;
    }
    const values = parseCommandArgs(best, rest, io.env);
    const code = await best.run(values as never, io);
    return code ?? ExitCode.Ok;
  } catch (e) {
    const err = e instanceof CliError ? e : (await import('./classify.js')).classify(e);
    io.stderr.write(formatError(err) + '\n');
    return err.exitCode;
  }
}
