import { runMain } from '../../common/service.ts';
import { startInventory } from './server.ts';

await runMain('inventory', startInventory);
