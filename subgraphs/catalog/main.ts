import { runMain } from '../../common/service.ts';
import { startCatalog } from './server.ts';

await runMain('catalog', startCatalog);
