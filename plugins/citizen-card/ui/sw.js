/**
 * The offline pages' service worker: the pages, the bundle, the resident's card, the facility's
 * trust data and the shelter list come from the network when it answers and from the cache
 * when it does not, so a card shows, a facility verifies and a shelter desk keeps pickups
 * without a connection. A card the server no longer has (revoked) is dropped from the cache.
 */
const CACHE = 'kiban-citizen-card-v1';
const KEPT = [
  '/api/public/citizen-card/offline/',
  '/api/public/citizen-card/app.js',
  '/api/public/citizen-card/trust',
  '/api/plugins/citizen-card/credential',
  '/api/plugins/citizen-card/shelters',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(['/api/public/citizen-card/app.js']))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || !KEPT.some((prefix) => url.pathname.startsWith(prefix))) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(event.request);
        if (response.ok) await cache.put(event.request, response.clone());
        else if (response.status === 404) await cache.delete(event.request);
        return response;
      } catch {
        return (await cache.match(event.request)) ?? Response.error();
      }
    })(),
  );
});
