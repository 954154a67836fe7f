import { useEffect, useState } from 'react';

/** The console's screens live in the URL's hash (#/campaigns, #/audit?type=CAMPAIGN&id=…): a reload keeps the screen. */
export interface Route {
  path: string;
  params: URLSearchParams;
}

const parse = (): Route => {
  const [path, query = ''] = window.location.hash.replace(/^#/, '').split('?');
  return { path: path || '/campaigns', params: new URLSearchParams(query) };
};

export function useRoute(): Route {
  const [route, setRoute] = useState(parse);
  useEffect(() => {
    const on = () => setRoute(parse());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const href = (path: string, params: Record<string, string> = {}): string => {
  const q = new URLSearchParams(params).toString();
  return `#${path}${q ? `?${q}` : ''}`;
};

export const go = (path: string, params: Record<string, string> = {}): void => {
  window.location.hash = href(path, params);
};
