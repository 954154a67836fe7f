import type { Clock } from '../../../../common/clock.ts';
import { importSeedFile } from '../../../../common/import/seed.ts';
import { marketImporter, priceImporter, productImporter } from '../import/importers.ts';
import type { CatalogRepository } from './catalogRepository.ts';

/** On first start (no markets yet), imports the demo's markets, 60 products and their prices from seed/demo through the import path. */
export async function seedCatalog(repo: CatalogRepository, clock: Clock): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  await importSeedFile(marketImporter(repo, clock), 'markets.ndjson');
  await importSeedFile(productImporter(repo), 'products.ndjson');
  await importSeedFile(priceImporter(repo), 'prices.csv');
  return true;
}
