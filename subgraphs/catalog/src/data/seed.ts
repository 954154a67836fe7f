import type { Clock } from '../../../../common/clock.ts';
import { importSeedFile } from '../../../../common/import/seed.ts';
import { marketImporter, priceImporter } from '../import/importers.ts';
import { categoryImporter, variantImporter } from '../import/variants.ts';
import type { FamilyRepository } from './familyRepository.ts';
import type { CatalogRepository } from './catalogRepository.ts';

/** On first start (no markets yet), imports the demo's markets, categories, 12 products with 60 variants and their prices from seed/demo through the import path. */
export async function seedCatalog(repo: CatalogRepository, families: FamilyRepository, clock: Clock): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  await importSeedFile(marketImporter(repo, clock), 'markets.ndjson');
  await importSeedFile(categoryImporter(families, clock), 'categories.ndjson');
  await importSeedFile(variantImporter(families, clock), 'products.ndjson');
  await importSeedFile(priceImporter(repo), 'prices.csv');
  return true;
}
