/**
 * npm run charges:check -- [FILE]: validates a tax and shipping tables file (default: the demo's)
 * before the promotions service is seeded with it (CHARGES_TABLES_FILE), row by row with the
 * checks of the import (`npm run import -- <tax-markets|tax-rates|shipping-methods|…> FILE`) and of
 * the single-edit mutations, and summarises it per market. Exit 1 naming the first refused row
 * (kind, position, key) and why; 0 when the file is valid.
 */
import { loadTablesFile } from '../subgraphs/promotions/src/services/charges/rows.ts';
import { ChargeTablesError, DEMO_TABLES_FILE } from '../subgraphs/promotions/src/services/charges/tables.ts';

const file = process.argv[2] ?? DEMO_TABLES_FILE;
try {
  const tables = loadTablesFile(file);
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
