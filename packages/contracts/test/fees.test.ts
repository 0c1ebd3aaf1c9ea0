import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { keccak256, toHex, type Address } from 'viem';
import { e3OrchestratorAbi, slashingManagerAbi, signNodeMessage, Stage } from '../src/index.js';
import * as H from './helpers.js';

describe('fee split on completion: members in good standing only, exact to the wei', () => {
  let f: H.Fixture;
  before(async () => {
    f = await H.setup({ operators: 7 });
  });
  after(async () => {
    await f?.close();
  });

  it('property: any fee, any number of expulsions that still leaves T + 1 members', async () => {
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 10n ** 18n, max: 5n * 10n ** 20n }) /* requester holds 1000 tokens */, fc.integer({ min: 0, max: 2 }), async (fee, expel) =>
        H.isolated(f, async () => {
          const n = 5;
          const T = 2;
          const e3Id = await H.requestE3(f, { fee, committeeSize: n, threshold: T });
          const members = await H.formCommittee(f, e3Id);
          await H.publishKey(f, e3Id, members);
          const accts = H.memberAccounts(f, members);
          // expel the last `expel` members by equivocation
          const expelled: Address[] = [];
          for (let i = n - expel; i < n; i++) {
            const m = { chainId: f.chainId, slashingManager: f.d.contracts.slashingManager, e3Id, slot: 1n };
            const a = keccak256(toHex(`a${i}`));
            const b = keccak256(toHex(`b${i}`));
            await H.tx(f.outsider, f.d.contracts.slashingManager, slashingManagerAbi, 'slashEquivocation', [
              e3Id, members[i], 1n, a, await signNodeMessage(accts[i], { ...m, payloadHash: a }), b, await signNodeMessage(accts[i], { ...m, payloadHash: b }),
            ]);
            expelled.push(members[i]);
          }
          const good = members.filter((m) => !expelled.includes(m));
          const inputs = await H.publishInputs(f, e3Id, good, [f.outsider]);
          await H.publishOutput(f, e3Id, inputs);
          await H.publishPlaintext(f, e3Id, good);
          assert.equal((await H.getE3(f, e3Id)).stage, Stage.Complete);
          const protocol = (fee * 1000n) / 10000n;
          const each = (fee - protocol) / BigInt(good.length);
          for (const m of good) assert.equal(await H.claimable(f, m), each);
          for (const m of expelled) assert.equal(await H.claimable(f, m), 0n);
          assert.equal(await H.claimable(f, f.treasury), fee - each * BigInt(good.length));
          // every wei of the escrow is accounted for
          let total = await H.claimable(f, f.treasury);
          for (const m of members) total += await H.claimable(f, m);
          assert.equal(total, fee);
          void e3OrchestratorAbi;
        }),
      ),
      { numRuns: 6, seed: 4242 },
    );
  });
});
