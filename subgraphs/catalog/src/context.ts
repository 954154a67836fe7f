import type { RequestContext } from '../../../common/subgraph.ts';
import type { CatalogAuditService } from './services/audit.ts';
import type { CatalogService } from './services/catalogService.ts';
import type { FamilyService } from './services/families.ts';
import type { MarketService } from './services/markets.ts';

export interface CatalogContext extends RequestContext {
  catalog: CatalogService;
  markets: MarketService;
  families: FamilyService;
  audit: CatalogAuditService;
}
