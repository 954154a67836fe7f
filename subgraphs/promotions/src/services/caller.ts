import { mayManageMarket, type Identity } from '../../../../common/identity.ts';

/** Who is asking, as the services need it: the markets the key manages. */
export interface Caller {
  identity: Identity;
}

export function mayManage(caller: Caller, market: string): boolean {
  return mayManageMarket(caller.identity, market);
}

/** The markets the caller manages: '*' for all. */
export function managedMarkets(caller: Caller): string[] | '*' {
  const { identity } = caller;
  if (identity.markets.includes('*')) return '*';
  return identity.markets;
}
