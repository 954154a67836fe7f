import type { RequestContext } from '../../../common/subgraph.ts';
import type { CatalogService } from './services/catalogService.ts';

export interface CatalogContext extends RequestContext {
  catalog: CatalogService;
}
