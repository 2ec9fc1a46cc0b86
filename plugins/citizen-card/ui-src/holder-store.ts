/**
 * What the holder's browser keeps: the key pair the card is bound to (the private key is
 * non-extractable: it signs presentations but cannot be read out) in IndexedDB, and the last
 * card fetched, so that the card can be shown offline.
 */
const DB = 'kiban-citizen-card';
const STORE = 'holder';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const request = work(db.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function holderKeyPair(): Promise<CryptoKeyPair> {
  const stored = await run<CryptoKeyPair | undefined>('readonly', (store) => store.get('keyPair'));
  if (stored) return stored;
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  await run('readwrite', (store) => store.put(pair, 'keyPair'));
  return pair;
}

export interface StoredCard {
  credential: string;
  claims: Record<string, unknown>;
  expiresAt: string;
}

export function storedCard(): Promise<StoredCard | undefined> {
  return run('readonly', (store) => store.get('card'));
}

export async function storeCard(card: StoredCard | undefined): Promise<void> {
  if (card) await run('readwrite', (store) => store.put(card, 'card'));
  else await run('readwrite', (store) => store.delete('card'));
}
