import { useState, type FormEvent } from 'react';

/** The API key form. The key stays in this tab (sessionStorage) and is sent as Authorization: Bearer. */
export function SignIn({ onSignIn, busy }: { onSignIn: (key: string) => void; busy: boolean }) {
  const [key, setKey] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (key.trim()) onSignIn(key.trim());
  };
  return (
    <form className="card signin" onSubmit={submit} aria-label="Sign in">
      <p>Sign in with a marketing or operations API key. It is kept in this browser tab only.</p>
      <label htmlFor="signin-key">API key</label>
      <input id="signin-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} required autoFocus />
      <button type="submit" disabled={busy || !key.trim()}>{busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
  );
}
