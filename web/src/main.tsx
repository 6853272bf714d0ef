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

document.documentElement.lang = i18n.language;

const client = createClient();

// On a slow line every round trip counts: the page's chunk, the viewer's
// permissions and (on a case page) the case itself are asked for at once,
// alongside the viewer, instead of one after the other.
const path = window.location.pathname;
if (path !== '/login') {
  preloadPage(path);
  void client.query(ViewerQueryDoc, {}, { requestPolicy: 'network-only' }).toPromise();
  markViewerPrefetch();
  const community = storedCommunity();
  if (community) void client.query(PermissionsQuery, { communityID: community }).toPromise();
  prefetchCase(client, path);
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
