import { useCallback, useEffect, useState } from 'react';
import { AccessContext, accessOf, type Access } from './access';
import { ApiError, gql } from './api';
import { ConsoleAccessDocument } from './generated/graphql';
import { storedKey, storeKey } from './session';
import { useRoute } from './route';
import { SignIn } from './components/SignIn';
import { Nav } from './components/Nav';
import { ErrorBanner } from './components/ErrorBanner';
import { CampaignList } from './components/CampaignList';
import { CampaignEditor } from './components/CampaignEditor';
import { PreviewScreen } from './components/PreviewScreen';
import { CouponScreen } from './components/CouponScreen';
import { ShadowReport } from './components/ShadowReport';
import { RoutingScreen } from './components/RoutingScreen';
import { AuditTrail } from './components/AuditTrail';

/** Signs in with an API key (marketing or operations), then shows the screen the URL names. */
export function App() {
  const [access, setAccess] = useState<Access | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [checking, setChecking] = useState(() => !!storedKey());
  const route = useRoute();

  const signIn = useCallback(async (key: string) => {
    setError(null);
    setChecking(true);
    try {
      const data = await gql(ConsoleAccessDocument, {}, { key });
      storeKey(key);
      setAccess(accessOf(data));
    } catch (e) {
      storeKey(null);
      setError(e instanceof ApiError ? e : new ApiError(String(e), 'NETWORK_ERROR', 0));
    } finally {
      setChecking(false);
    }
  }, []);

  useEffect(() => {
    const key = storedKey();
    if (key) void signIn(key);
  }, [signIn]);

  const signOut = () => {
    storeKey(null);
    setAccess(null);
  };

  if (!access) {
    return (
      <main className="signin-page">
        <h1>Marketing console</h1>
        {error && <ErrorBanner error={error} />}
        <SignIn onSignIn={signIn} busy={checking} />
      </main>
    );
  }
  return (
    <AccessContext.Provider value={access}>
      <Nav current={route.path} onSignOut={signOut} />
      <main id="main">{screen(route.path, route.params)}</main>
    </AccessContext.Provider>
  );
}

function screen(path: string, params: URLSearchParams) {
  if (path === '/campaigns/new') return <CampaignEditor key="new" id={null} />;
  const edit = /^\/campaigns\/(.+)$/.exec(path);
  if (edit) return <CampaignEditor key={edit[1]} id={decodeURIComponent(edit[1])} />;
  switch (path) {
    case '/preview': return <PreviewScreen />;
    case '/coupons': return <CouponScreen campaignId={params.get('campaign')} />;
    case '/shadow': return <ShadowReport />;
    case '/routing': return <RoutingScreen />;
    case '/audit': return <AuditTrail key={params.toString()} entityType={params.get('type')} entityId={params.get('id')} keyId={params.get('key')} />;
    default: return <CampaignList />;
  }
}
