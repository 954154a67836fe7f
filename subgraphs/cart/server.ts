import { GraphClient } from '../../common/graphClient.ts';
import { createLogger } from '../../common/log.ts';
import { databaseReady, openServiceDatabase, type RunningService, type ServiceOptions } from '../../common/service.ts';
import { startSubgraph } from '../../common/subgraph.ts';
import type { CartContext } from './src/context.ts';
import { CartRepository } from './src/data/cartRepository.ts';
import { migrations } from './src/data/migrations.ts';
import { resolvers } from './src/resolvers/index.ts';
import { CartService, DEFAULT_LIMITS, type CartLimits } from './src/services/cartService.ts';
import { GraphCartDependencies } from './src/services/dependencies.ts';

export interface CartOptions extends ServiceOptions {
  limits?: Partial<CartLimits>;
}

/** Builds the cart subgraph. It asks catalog, inventory and promotions through their own APIs. */
export async function startCart({ config, clock, log = createLogger('cart', config.logLevel), limits }: CartOptions): Promise<RunningService> {
  const db = await openServiceDatabase(config, migrations);
  const repo = new CartRepository(db);
  const client = new GraphClient({ caller: 'cart', secret: config.identitySecret, timeoutMs: config.callTimeoutMs });
  const effectiveLimits = { ...DEFAULT_LIMITS, ...limits };
  const running = await startSubgraph<CartContext>(
    {
      name: 'cart',
      schemaFile: new URL('./schema.graphql', import.meta.url),
      resolvers: resolvers as any,
      secret: config.identitySecret,
      log,
      production: config.production,
      clock,
      context: (base) => ({
        ...base,
        repo,
        carts: new CartService(repo, new GraphCartDependencies(client, config.urls, base.identity, base.requestId), base.clock, base.log, effectiveLimits, base.identity.keyId),
      }),
      ready: databaseReady(db),
    },
    config.port,
    config.host,
  );
  return {
    ...running,
    db,
    stop: async () => {
      await running.stop();
      await client.close();
    },
  };
}
