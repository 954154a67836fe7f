import { runMain } from '../../common/service.ts';
import { startPromotions } from './server.ts';

await runMain('promotions', startPromotions);
