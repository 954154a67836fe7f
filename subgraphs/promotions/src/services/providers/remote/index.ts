import type { Logger } from '../../../../../../common/log.ts';
import type { Metrics } from '../../../../../../common/metrics.ts';
import type { Db } from '../../../../../../common/storage/index.ts';
import { RemoteRedemptionRepository, ShadowCartRepository } from '../../../data/remoteRepository.ts';
import { CommercetoolsProvider } from '../commercetools/provider.ts';
import { TalonClients } from '../talon/client.ts';
import { TalonProvider } from '../talon/provider.ts';
import type { PromotionProvider } from '../provider.ts';
import { describeRemoteConfig, type RemoteProvidersConfig } from './config.ts';
import { remoteMetrics } from './metrics.ts';

/** The remote engines that are configured (none when the configuration is empty). */
export function createRemoteProviders(config: RemoteProvidersConfig, deps: { db: Db; log: Logger; metrics: Metrics }): PromotionProvider[] {
  const metrics = remoteMetrics(deps.metrics);
  const redemptions = new RemoteRedemptionRepository(deps.db);
  const providers: PromotionProvider[] = [];
  if (config.talon) providers.push(new TalonProvider(config.talon, new TalonClients(config.talon), { redemptions, metrics, log: deps.log }));
  if (config.commercetools) {
    providers.push(new CommercetoolsProvider(config.commercetools, { redemptions, carts: new ShadowCartRepository(deps.db), metrics, log: deps.log }));
  }
  if (providers.length) deps.log.info({ providers: describeRemoteConfig(config) }, 'remote promotion engines configured');
  return providers;
}
