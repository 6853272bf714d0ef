import { Client, cacheExchange, fetchExchange, getOperationName, makeOperation, mapExchange } from 'urql';
import type { Operation } from 'urql';
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

/** A random key; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Gives each mutation (one form submission) its own Idempotency-Key, kept in
 * the operation's context: a retry of the same submission sends the same key,
 * so the server does the work once.
 */
export function withIdempotencyKey(operation: Operation): Operation {
  if (operation.kind !== 'mutation') return operation;
  const key: string = operation.context.idempotencyKey ?? newIdempotencyKey();
  const base = operation.context.fetchOptions;
  const options: RequestInit = (typeof base === 'function' ? base() : base) ?? {};
  const headers = { ...(options.headers as Record<string, string> | undefined), 'Idempotency-Key': key };
  return makeOperation(operation.kind, operation, {
    ...operation.context,
    idempotencyKey: key,
    fetchOptions: { ...options, headers },
  });
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
        onOperation: withIdempotencyKey,
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
