import { Client, cacheExchange, fetchExchange, getOperationName, mapExchange } from 'urql';
import type { DocumentNode } from 'graphql';
import { errorCode } from './errors';

export const csrfCookie = 'turbota_csrf';

export function readCookie(name: string): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith(name + '='))
    ?.slice(name.length + 1);
}

/** Where to come back to after signing in again. */
export const returnKey = 'turbota.returnTo';

// A session that expired mid-work: remember the page, go to sign-in.
function onSessionExpired() {
  if (window.location.pathname === '/login') return;
  sessionStorage.setItem(returnKey, window.location.pathname + window.location.search);
  window.location.assign('/login?expired=1');
}

/** `fetch` replaces the browser's (the app passes one that uses the answers asked for at start). */
export function createClient({ fetch }: { fetch?: typeof globalThis.fetch } = {}): Client {
  return new Client({
    url: '/graphql',
    fetch,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => {
      const token = readCookie(csrfCookie);
      const headers: Record<string, string> = token ? { 'X-CSRF-Token': token } : {};
      return { credentials: 'same-origin', headers };
    },
    exchanges: [
      mapExchange({
        onError(error, operation) {
          const isLogin = getOperationName(operation.query as DocumentNode) === 'Login';
          if (!isLogin && errorCode(error) === 'UNAUTHENTICATED') onSessionExpired();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
