/** `e3 node init | register | start`: operate a ciphernode (its config format: packages/node src/config). */
import { defineCommand, type OptionSpec } from '../args.js';
import { chainOptions } from '../options.js';

const configOption = {
  config: { kind: 'string', placeholder: 'file', env: 'INTERFOLD_CONFIG', default: 'interfold-node/config.json', description: 'the node config file `e3 node init` wrote' },
} as const satisfies Record<string, OptionSpec>;

const passwordOptions = {
  'password-file': { kind: 'string', placeholder: 'file', description: 'read the keystore password from the first line of this file' },
  'password-env': { kind: 'string', placeholder: 'NAME', description: 'read the keystore password from this environment variable' },
} as const satisfies Record<string, OptionSpec>;

export const nodeInitCommand = defineCommand({
  path: ['node', 'init'],
  summary: "create a ciphernode's identity (encrypted keystore) and its config file",
  description:
    'Generates the operator key (secp256k1: signs transactions and every peer message) and the libp2p peer key, ' +
    'encrypts both in <dir>/keystore.json (scrypt + AES-256-GCM; nothing secret is written in clear), and writes ' +
    '<dir>/config.json for `e3 node register` and `e3 node start`. The password comes from --password-file, ' +
    '--password-env, or a prompt (no echo). Refuses to overwrite an existing keystore.',
  options: {
    dir: { kind: 'string', default: 'interfold-node', placeholder: 'path', description: "the node's directory (keystore, config, store)" },
    ...passwordOptions,
    listen: { kind: 'string', default: '/ip4/0.0.0.0/tcp/9000', placeholder: 'multiaddr', description: 'libp2p listen address' },
    bootstrap: { kind: 'string', placeholder: 'multiaddrs', description: 'comma-separated peer addresses with /p2p/<peer id>' },
    'http-port': { kind: 'integer', default: 9100, min: 0, max: 65535, placeholder: 'port', description: 'port of /health, /status, /metrics (on 127.0.0.1)' },
    ...chainOptions,
  },
  examples: ['e3 node init --dir node1 --password-file pw.txt', 'e3 node init --deployment sepolia.json --rpc-url https://… --bootstrap /ip4/1.2.3.4/tcp/9000/p2p/12D3…'],
  async run(v, io) {
    return (await import('../actions/nodeInit.js')).nodeInitAction(v, io);
  },
});

export const nodeRegisterCommand = defineCommand({
  path: ['node', 'register'],
  summary: 'register the node as an operator: approve, register, bond, buy tickets',
  description:
    "Unlocks the node's keystore and, from its operator account, approves the bond and ticket tokens, registers, adds " +
    'the bond and buys tickets on the OperatorRegistry. Idempotent: what is already done is not done again. The ' +
    'account needs gas and the tokens. Exit code 4 when the registry refuses (the decoded error says why).',
  options: {
    ...configOption,
    ...passwordOptions,
    bond: { kind: 'string', placeholder: 'wei', description: "total bond wanted, in the bond token's smallest unit (default: the registry minimum)" },
    tickets: { kind: 'integer', min: 1, placeholder: 'count', description: 'total tickets wanted (default: the registry minimum); more tickets, more sortition weight' },
    json: { kind: 'boolean', description: 'print one JSON object' },
  },
  examples: ['e3 node register --config node1/config.json --password-file pw.txt --tickets 10'],
  async run(v, io) {
    return (await import('../actions/nodeRegister.js')).nodeRegisterAction(v, io);
  },
});

export const nodeStartCommand = defineCommand({
  path: ['node', 'start'],
  summary: 'run the ciphernode in the foreground until Ctrl-C',
  description:
    'Runs the daemon of packages/node with the config file (init → start: store, chain watcher, peer network, HTTP, ' +
    'duties; Ctrl-C closes them in reverse order). Its logs are JSON lines on stdout; `e3 node status` reads its ' +
    'state. Exit codes: 5 bad config, 3 a start step failed (keystore password, store, RPC, network, HTTP port), 1 ' +
    'a fatal error while running, 130 forced by a second Ctrl-C.',
  options: {
    ...configOption,
    ...passwordOptions,
  },
  examples: ['e3 node start --config node1/config.json --password-file pw.txt'],
  async run(v, io) {
    return (await import('../actions/nodeStart.js')).nodeStartAction(v, io);
  },
});
