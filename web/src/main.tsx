import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import i18n from './i18n';
import { createClient } from './api/client';
import { App, markViewerPrefetch, preloadPage, ViewerQueryDoc } from './App';
import { theme } from './theme';
import { PermissionsQuery, storedCommunity } from './session';
import { prefetchCase } from './pages/case/caseQuery';
import { prefetchedFetch } from './boot';

document.documentElement.lang = i18n.language;
// A case page the server painted first holds the stylesheet back for print
// only (web/firstpaint.go), so as not to delay that paint: the app needs it now.
document.querySelectorAll<HTMLLinkElement>('link[data-first-paint]').forEach((link) => { link.media = 'all'; });

// On a slow line every round trip counts. boot.ts, which runs before this
// code has arrived, has asked already for the viewer, their permissions and
// (on a case page) the case; the server announced the page's chunks in
// index.html. The queries below take those answers where they match.
const client = createClient({ fetch: prefetchedFetch });
const signedOutPaths = new Set(['/login', '/forgot-password', '/reset-password']);

const path = window.location.pathname;
// The pages of signing in (and of a forgotten password) are for nobody yet:
// a viewer asked for there is "nobody", which must not answer the first
// check after signing in.
if (!signedOutPaths.has(path)) {
  preloadPage(path);
  void client.query(ViewerQueryDoc, {}, { requestPolicy: 'network-only' }).toPromise();
  markViewerPrefetch();
  const community = storedCommunity();
  if (community) void client.query(PermissionsQuery, { communityID: community }).toPromise();
  prefetchCase(client, path);
}

// The service worker keeps the app's code so that it opens without a
// connection once visited (web/sw.js); built apps only, not the dev server.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then((reg) => {
      // The files this page loaded before the worker took over: it keeps them from the HTTP cache.
      const urls = performance.getEntriesByType('resource').map((r) => r.name).filter((u) => u.includes('/assets/'));
      reg.active?.postMessage({ type: 'keep', urls });
    }).catch(() => undefined);
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <Notifications position="top-right" />
      <UrqlProvider value={client}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </UrqlProvider>
    </MantineProvider>
  </StrictMode>,
);
