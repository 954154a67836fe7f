/** The API key of the signed-in user: kept for this browser tab only (sessionStorage), never in a cookie. */
const KEY = 'commerce-console-api-key';

export function storedKey(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}
