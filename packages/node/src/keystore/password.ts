/**
 * Where the keystore password comes from: a file (first line), an environment variable, or a
 * prompt on the terminal without echo.
 */
import { readFile } from 'node:fs/promises';
import { PasswordSourceError } from './errors.js';

export type PasswordSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'env'; readonly name: string }
  | { readonly kind: 'prompt' };

export type PasswordIo = {
  readonly env?: NodeJS.ProcessEnv;
  readonly stdin?: NodeJS.ReadStream;
  readonly stderr?: NodeJS.WriteStream;
};

export async function readPassword(source: PasswordSource, io: PasswordIo = {}): Promise<string> {
  switch (source.kind) {
    case 'file': {
      let text: string;
      try {
        text = await readFile(source.path, 'utf8');
      } catch (e) {
        throw new PasswordSourceError('Cannot read the password file', { details: source.path, cause: e });
      }
      const line = text.split(/\r?\n/)[0] ?? '';
      if (line.length === 0) throw new PasswordSourceError('The password file is empty', { details: source.path });
      return line;
    }
    case 'env': {
      const v = (io.env ?? process.env)[source.name];
      if (v === undefined || v.length === 0) throw new PasswordSourceError('The password environment variable is not set', { details: source.name });
      return v;
    }
    case 'prompt':
      return prompt('Keystore password: ', io.stdin ?? process.stdin, io.stderr ?? process.stderr);
  }
}

/** Read one line from a TTY in raw mode, echoing nothing. */
function prompt(question: string, stdin: NodeJS.ReadStream, out: NodeJS.WriteStream): Promise<string> {
  if (!stdin.isTTY) throw new PasswordSourceError('Cannot prompt for the password: stdin is not a terminal', { details: 'use a password file or an environment variable' });
  return new Promise((resolve, reject) => {
    let value = '';
    out.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      out.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new PasswordSourceError('Password prompt interrupted'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
