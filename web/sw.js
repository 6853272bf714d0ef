/*
 * Turbota's service worker: the app shell (index.html for "/" and the built
 * code and styles the app has loaded) is kept so that the app opens without
 * a connection once it has been visited. Nothing else is kept: GraphQL
 * answers and the pages the server paints with a case's data (no-store)
 * always go to the network, so no personal data lands in this cache.
 * Nothing is fetched ahead (on a slow line that would compete with the
 * worker's own requests): the files the page loaded before this worker
 * took over come from the browser's HTTP cache when the app names them
 * (message "keep"), later ones as they pass. vite.config.ts
 * (serviceWorker) writes the build's version in place of the line below.
 */
const BUILD = self.__TURBOTA_BUILD__;
const CACHE = 'turbota-shell-' + BUILD.version;
const SHELL = '/';
const isAsset = (url) => url.origin === self.location.origin && url.pathname.startsWith('/assets/');

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.add(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('turbota-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The app names the built files it loaded before this worker controlled it.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'keep' || !Array.isArray(event.data.urls)) return;
  const urls = event.data.urls.map((u) => new URL(u, self.location.origin)).filter(isAsset).map((u) => u.pathname);
  event.waitUntil(caches.open(CACHE).then((c) => Promise.all(urls.map((u) => c.match(u).then((hit) => hit || c.add(u).catch(() => undefined))))));
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
  if (isAsset(url)) {
    // Built files are named by their content: a kept copy is the file.
    event.respondWith(caches.open(CACHE).then((c) => c.match(url.pathname).then((hit) => hit || fetch(req).then((res) => {
      if (res.ok) void c.put(url.pathname, res.clone());
      return res;
    }))));
  }
});
