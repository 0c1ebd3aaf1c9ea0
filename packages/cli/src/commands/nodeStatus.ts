/** `e3 node status`: a running ciphernode's /status (and /health) over its HTTP port. */
import { defineCommand } from '../args.js';

export const nodeStatusCommand = defineCommand({
  path: ['node', 'status'],
  summary: "show a running ciphernode's state: its E3s and their phases, peers, chain head and lag",
  description:
    "Asks the node's HTTP endpoint (GET /health and /status; `e3 node start` serves it on the configured http port). " +
    'Exit code 3 when the node does not answer.',
  options: {
    url: { kind: 'string', placeholder: 'url', env: 'E3_NODE_URL', default: 'http://127.0.0.1:9100', description: "the node's HTTP endpoint" },
    json: { kind: 'boolean', description: 'print the /status JSON as the node returns it' },
  },
  examples: ['e3 node status', 'e3 node status --url http://10.0.0.5:9100 --json'],
  async run(v, io) {
    return (await import('../actions/nodeStatus.js')).nodeStatusAction(v, io);
  },
});
