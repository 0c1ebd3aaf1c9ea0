/** `e3 request`: ask the network for one E3. */
import { defineCommand } from '../args.js';
import { PARAM_SET_NAMES } from '../names.js';
import { accountOptions, chainOptions } from '../options.js';

export const requestCommand = defineCommand({
  path: ['request'],
  summary: 'request an E3: program, parameter set, committee size and threshold, windows, fee',
  description:
    "Approves the fee (the orchestrator's fee token) if needed and sends the request; prints the E3 id and its " +
    'schedule. Windows are seconds from now: sortition, then the DKG (the key must be out before inputs open), then ' +
    'the input window. Exit code 4 when the orchestrator refuses the request (the decoded error says why).',
  options: {
    params: { kind: 'choice', choices: PARAM_SET_NAMES, default: 'INSECURE_N512', description: 'BFV parameter set (must be allowed by the deployment)' },
    n: { kind: 'integer', default: 3, min: 2, max: 64, placeholder: 'count', description: 'committee size' },
    threshold: { kind: 'integer', min: 1, max: 63, placeholder: 'T', description: 'threshold T < n (default max(1, floor((n-1)/2)))' },
    'program-id': { kind: 'string', placeholder: 'id', description: "registered program id (default: the deployment's dev program, run by the nodes as sum)" },
    fee: { kind: 'string', placeholder: 'wei', description: "fee in the fee token's smallest unit (default: the orchestrator's minimum)" },
    'compute-provider': { kind: 'string', placeholder: 'address', description: 'who publishes the output ciphertext (default: you); a ciphernode with this operator address does it' },
    'sortition-window': { kind: 'integer', default: 30, min: 1, placeholder: 's', description: 'seconds for ticket submission' },
    'dkg-window': { kind: 'integer', default: 120, min: 1, placeholder: 's', description: 'seconds after sortition to publish the public key' },
    'input-window': { kind: 'integer', default: 60, min: 1, placeholder: 's', description: 'seconds the input window stays open (it opens when the DKG window closes)' },
    json: { kind: 'boolean', description: 'print one JSON object' },
    ...chainOptions,
    ...accountOptions,
  },
  examples: ['e3 request --dev-account 2 --n 3', 'E3_PRIVATE_KEY=0x… e3 request --deployment sepolia.json --params PRODUCTION_N8192 --n 5 --threshold 2'],
  async run(v, io) {
    return (await import('../actions/request.js')).requestAction(v, io);
  },
});
