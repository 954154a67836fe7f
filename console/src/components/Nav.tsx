import { useAccess } from '../access';
import { href } from '../route';

const SCREENS: [string, string][] = [
  ['/campaigns', 'Campaigns'],
  ['/preview', 'Preview'],
  ['/coupons', 'Coupons'],
  ['/shadow', 'Shadow report'],
  ['/routing', 'Routing'],
  ['/audit', 'Audit trail'],
];

export function Nav({ current, onSignOut }: { current: string; onSignOut: () => void }) {
  const access = useAccess();
  return (
    <header className="top">
      <a className="skip" href="#main">Skip to content</a>
      <span className="brand">Marketing console</span>
      <nav aria-label="Screens">
        <ul>
          {SCREENS.map(([path, label]) => (
            <li key={path}>
              <a href={href(path)} aria-current={current === path || (path === '/campaigns' && current.startsWith('/campaigns')) ? 'page' : undefined}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <span className="who" aria-label="Signed in as">
        {access.keyId} · {access.markets.map((m) => m.code).join(', ') || 'no markets'}
      </span>
      <button type="button" className="secondary" onClick={onSignOut}>Sign out</button>
    </header>
  );
}
