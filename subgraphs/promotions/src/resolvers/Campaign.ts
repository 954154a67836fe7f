import { hasScope } from '../../../../common/identity.ts';
import type { CampaignResolvers } from '../generated/resolvers-types.ts';

export const Campaign: CampaignResolvers = {
  /** Only marketers of the campaign's market (and services) see a campaign; anyone else gets null. */
  __resolveReference: (ref, { identity, campaigns }) => (hasScope(identity, 'marketing') ? campaigns.get(ref.id) : null),
};
