/**
 * The service worker of the notifications plugin: shows a Web Push message as a system
 * notification and opens the portal's inbox when it is clicked. The payload is what the
 * plugin's push channel sends: { title, body, tag }.
 */
self.addEventListener('push', (event) => {
  const message = event.data ? event.data.json() : {};
  event.waitUntil(
    self.registration.showNotification(message.title || '市民ポータル', {
      body: message.body || '',
      tag: message.tag,
      lang: 'ja',
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow('/'));
});
