import { runMain } from '../../common/service.ts';
import { startCart } from './server.ts';

await runMain('cart', startCart);
