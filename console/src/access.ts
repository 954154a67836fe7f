import { createContext, useContext } from 'react';
import type { ConsoleAccessQuery } from './generated/graphql';

/** The signed-in key: what it may do and the markets it manages (those the screens offer). */
export interface Access {
  keyId: string;
  channel: string;
  scopes: string[];
  /** the markets the key manages, with their currencies */
  markets: ConsoleAccessQuery['markets'];
}

export function accessOf(data: ConsoleAccessQuery): Access {
  const { marketingAccess: a, markets } = data;
  return {
    keyId: a.keyId,
    channel: a.channel,
    scopes: a.scopes,
    markets: a.allMarkets ? markets : markets.filter((m) => a.markets.includes(m.code)),
  };
}

export const AccessContext = createContext<Access | null>(null);

export function useAccess(): Access {
  const access = useContext(AccessContext);
  if (!access) throw new Error('useAccess outside a signed-in console');
  return access;
}
