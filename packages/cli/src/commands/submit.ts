/** `e3 submit`: encrypt, prove and submit one input. */
import { defineCommand } from '../args.js';
import { accountOptions, chainOptions, e3IdOption } from '../options.js';

export const submitCommand = defineCommand({
  path: ['submit'],
  summary: "encrypt a value under an E3's public key, prove it, and submit it",
  description:
    "Fetches the E3's public key (checked against its on-chain commitment), encrypts the value, proves the encryption " +
    '(UltraHonk, bound to this E3 and your address: a copied input is rejected on chain) and submits it inside the ' +
    'input window. Exit code 4 when the chain rejects it (e.g. window closed, one input per sender).',
  options: {
    'e3-id': { ...e3IdOption, required: true, description: 'the E3 id' },
    value: { kind: 'string', required: true, placeholder: 'n[,n…]', description: 'the input: a whole number in [0, t), or comma-separated coefficients' },
    json: { kind: 'boolean', description: 'print one JSON object' },
    ...chainOptions,
    ...accountOptions,
  },
  examples: ['e3 submit --e3-id 1 --value 42 --dev-account 3', 'e3 submit --e3-id 7 --value 1,0,0 --key-file voter.key --deployment sepolia.json'],
  async run(v, io) {
    return (await import('../actions/submit.js')).submitAction(v, io);
  },
});
