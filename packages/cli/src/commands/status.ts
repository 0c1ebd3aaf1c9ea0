/** `e3 status`: an E3's on-chain state. */
import { defineCommand } from '../args.js';
import { chainOptions, e3IdOption } from '../options.js';

export const statusCommand = defineCommand({
  path: ['status'],
  summary: "show an E3's on-chain state: stage, committee, deadlines, inputs, outputs",
  description: 'Reads the orchestrator of the deployment through any RPC endpoint. Exit code 6 when the E3 has failed.',
  options: {
    'e3-id': e3IdOption,
    json: { kind: 'boolean', description: 'print one JSON object' },
    ...chainOptions,
  },
  examples: ['e3 status --e3-id 1', 'e3 status --rpc-url https://sepolia.example/rpc --deployment sepolia.json --e3-id 7 --json'],
  async run(v, io) {
    return (await import('../actions/status.js')).statusAction(v, io);
  },
});
