import type { RequestContext } from '../../../common/subgraph.ts';
import type { CartRepository } from './data/cartRepository.ts';
import type { CartService } from './services/cartService.ts';

export interface CartContext extends RequestContext {
  carts: CartService;
  repo: CartRepository;
}
