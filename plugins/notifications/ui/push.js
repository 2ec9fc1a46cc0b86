import { act, el, getJson } from './common.js';

const WORKER = '/ui/plugins/notifications/push-worker.js';

/**
 * "Notify this browser": registers the service worker, subscribes with the city's VAPID
 * public key and hands the subscription to the server. Absent where the browser has no Push
 * API or the city has not configured Web Push.
 */
export async function pushControls(t, language, status) {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) return [];
  const { publicKey } = await getJson('/push/public-key').catch(() => ({ publicKey: null }));
  if (!publicKey) return [];
  const subscribe = async () => {
    try {
      const registration = await navigator.serviceWorker.register(WORKER, { scope: '/ui/plugins/notifications/' });
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: publicKey,
      });
      const result = await act('subscribePush', subscription.toJSON(), language);
      status.textContent = result.ok ? t.pushOn : t.pushFailed;
    } catch {
      status.textContent = t.pushFailed;
    }
  };
  // Only this browser stops: the resident's other browsers keep their notices.
  const unsubscribe = async () => {
    const registration = await navigator.serviceWorker.getRegistration('/ui/plugins/notifications/');
    const subscription = await registration?.pushManager.getSubscription();
    if (!subscription) {
      status.textContent = t.pushOff;
      return;
    }
    await subscription.unsubscribe();
    const result = await act('unsubscribePush', { endpoint: subscription.endpoint }, language);
    status.textContent = result.ok ? t.pushOff : t.pushFailed;
  };
  return [
    el('section', {}, [
      el('h3', { textContent: t.push }),
      el('button', { type: 'button', textContent: t.pushSubscribe, onclick: subscribe }),
      el('button', { type: 'button', textContent: t.pushUnsubscribe, onclick: unsubscribe }),
    ]),
  ];
}
