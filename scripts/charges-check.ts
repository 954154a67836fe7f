/**
 * npm run charges:check -- [FILE]: validates a tax and shipping tables file (default: the demo's)
 * before it is given to the promotions service as CHARGES_TABLES_FILE, and summarises it per market.
 * Exit 1 naming the first bad row and reason; 0 when the file is valid.
 */
import { ChargeTablesError, DEMO_TABLES_FILE, loadChargeTables } from '../subgraphs/promotions/src/services/charges/tables.ts';

const file = process.argv[2] ?? DEMO_TABLES_FILE;
try {
  const tables = loadChargeTables(file);
  console.log(`${String(file)}: valid`);
  for (const [market, m] of Object.entries(tables.markets)) {
    const methods = tables.shippingMethods.filter((s) => s.market === market).map((s) => s.code);
    const rates = tables.taxRates.filter((r) => m.countries.includes(r.country)).length;
    console.log(`  ${market} ${m.currencyCode}: prices ${m.pricesIncludeTax ? 'include' : 'exclude'} ${m.taxName}; ${rates} tax rates; shipping ${methods.join(', ') || 'none'}`);
  }
} catch (e) {
  if (!(e instanceof ChargeTablesError)) throw e;
  console.error(e.message);
  process.exit(1);
}
