/*
 * Turbota's service worker: the app shell (index.html for "/" and the built
 * code and styles) is kept so that the app opens without a connection once
 * it has been visited. Nothing else is kept: GraphQL answers and the pages
 * the server paints with a case's data (no-store) always go to the network,
 * so no personal data lands in this cache. vite.config.ts (serviceWorker)
 * writes the build's list of files in place of the line below.
 */
const PRECACHE = self.__TURBOTA_PRECACHE__;
const CACHE = 'turbota-shell-' + PRECACHE.version;
const SHELL = '/';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll([SHELL, ...PRECACHE.files])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('turbota-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    // The network first (a case page comes painted with its data, never kept);
    // without a connection, the shell, which loads the page's data itself.
    event.respondWith(fetch(req).catch(() => caches.open(CACHE).then((c) => c.match(SHELL)).then((r) => r || Response.error())));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Built files are named by their content: the kept copy is the file.
    event.respondWith(caches.open(CACHE).then((c) => c.match(url.pathname)).then((hit) => hit || fetch(req)));
  }
});
