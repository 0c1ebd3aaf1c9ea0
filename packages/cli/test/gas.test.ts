/** The gas report's names: the contracts e3 dev calls are named by their function, not their selector. */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { encodeFunctionData, zeroAddress } from 'viem';
import { auctionProgramAbi, e3OrchestratorAbi } from '@interfold/contracts';
import { functionName } from '../src/dev/gas.js';

describe('gas report: function names', () => {
  it('names the orchestrator and the auction program (its configure was a bare selector); a creation is "deploy"; an unknown selector stays hex', () => {
    const to = zeroAddress;
    const auction = encodeFunctionData({ abi: auctionProgramAbi, functionName: 'configure', args: [1n, [zeroAddress]] });
    assert.equal(functionName(auction, to), 'configure');
    const publish = encodeFunctionData({ abi: e3OrchestratorAbi, functionName: 'publishPlaintextOutput', args: [1n, '0x', '0x'] });
    assert.equal(functionName(publish, to), 'publishPlaintextOutput');
    assert.equal(functionName('0x6080', null), 'deploy');
    assert.equal(functionName('0xdeadbeef00', to), '0xdeadbeef');
  });
});
