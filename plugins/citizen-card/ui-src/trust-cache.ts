import type { TrustAnchor } from '../src/shared/verify-presentation.ts';
import { PUBLIC } from './api.ts';

const KEY = 'kiban-citizen-card-trust';

/** The JWKS and status list a facility page verifies with, kept for offline use. */
export function cachedTrust(): TrustAnchor | undefined {
  const stored = localStorage.getItem(KEY);
  return stored ? (JSON.parse(stored) as TrustAnchor) : undefined;
}

/** Fetches them anew (online); the fetch time is this device's, so the age shown is honest. */
export async function refreshTrust(): Promise<TrustAnchor> {
  const response = await fetch(`${PUBLIC}/trust`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`trust: ${response.status}`);
  const anchor = { ...((await response.json()) as TrustAnchor), statusListFetchedAt: Date.now() };
  localStorage.setItem(KEY, JSON.stringify(anchor));
  return anchor;
}
