import { bfvParameters, INSECURE_N512, INSECURE_N1024, PRODUCTION } from '@interfold/bfv';
import { writeFileSync } from 'node:fs';
import { AuctionBidCircuit, renderAuctionBidNr } from '@interfold/circuits';
const sets: Record<string, typeof PRODUCTION> = { INSECURE_N512, INSECURE_N1024, PRODUCTION_N8192: PRODUCTION };
const name = process.argv[2]!, K = Number(process.argv[3]);
const params = bfvParameters(sets[name]!);
if (process.argv[4] === 'render') { writeFileSync(new URL('../../../packages/circuits/noir/auction_bid/src/program.nr', import.meta.url), renderAuctionBidNr(params, { levels: K })); process.exit(0); }
const t0 = Date.now();
const c = await AuctionBidCircuit.load(params, { levels: K });
console.log(JSON.stringify({ set: name, K, ...c.circuit.stats, load_s: (Date.now() - t0) / 1000 }));
await c.close();
