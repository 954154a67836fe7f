/**
 * npm run customer-token -- <customer id> [--expires 1h]: a demo customer token, signed by the demo
 * issuer that `npm start` set up in the data directory (DATA_DIR). Send it as `x-customer-token`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDemoIssuer, issuerFile, mintCustomerToken } from '../gateway/demoIssuer.ts';

const dataDir = process.env.DATA_DIR ?? join(process.cwd(), 'data');
const args = process.argv.slice(2);
const customerId = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--expires');
const expiresIn = args[args.indexOf('--expires') + 1] && args.includes('--expires') ? args[args.indexOf('--expires') + 1] : '1h';
if (!customerId) {
  console.error('usage: npm run customer-token -- <customer id> [--expires 1h]');
  process.exit(2);
}
if (!existsSync(issuerFile(dataDir))) console.error(`(no demo issuer in ${dataDir} yet: creating one; restart npm start so that the gateway trusts it)`);
const keys = await ensureDemoIssuer(dataDir);
console.log(await mintCustomerToken(keys, customerId, { expiresIn }));
