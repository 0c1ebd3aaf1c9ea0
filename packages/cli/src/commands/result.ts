/** `e3 result`: the verified plaintext of an E3. */
import { defineCommand } from '../args.js';
import { chainOptions, e3IdOption } from '../options.js';

export const resultCommand = defineCommand({
  path: ['result'],
  summary: "print an E3's result, checked against the plaintext hash the chain verified",
  description:
    'Reads the PlaintextOutputPublished event and checks its bytes against the hash the orchestrator stored when the ' +
    'decryption verifier accepted them. With --wait, follows the E3 until it completes. Exit code 6 when the E3 ' +
    'failed, 7 when --wait runs out of time.',
  options: {
    'e3-id': e3IdOption,
    wait: { kind: 'boolean', description: 'wait for the E3 to complete' },
    timeout: { kind: 'integer', default: 600, min: 1, placeholder: 'seconds', description: 'limit for --wait' },
    json: { kind: 'boolean', description: 'print one JSON object' },
    ...chainOptions,
  },
  examples: ['e3 result --e3-id 1', 'e3 result --e3-id 1 --wait --json'],
  async run(v, io) {
    return (await import('../actions/result.js')).resultAction(v, io);
  },
});
