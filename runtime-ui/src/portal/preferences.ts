import { type CalendarPreference, DEFAULT_LANGUAGE, isLanguage } from '../i18n/index.ts';
import type { Language } from '../metadata/index.ts';

/** How the reader wants the portal: language and calendar. */
export interface Preferences {
  language: Language;
  calendar: CalendarPreference;
}

const STORAGE_KEY = 'kiban:preferences';

/**
 * The choice last made on this device, so the sign-in page already speaks the reader's
 * language; once signed in, the profile's preferences take over.
 */
export function storedPreferences(): Preferences {
  let stored: Partial<Preferences> = {};
  try {
    stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Preferences>;
  } catch {
    // A damaged entry is as good as none.
  }
  return {
    language: isLanguage(stored.language) ? stored.language : DEFAULT_LANGUAGE,
    calendar: stored.calendar === 'gregory' ? 'gregory' : 'japanese',
  };
}

/** Remembers the choice and tells assistive technology which language the page is in now. */
export function applyPreferences(preferences: Preferences): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(preferences));
  } catch {
    // Private browsing may refuse storage; the choice still holds for this visit.
  }
  document.documentElement.lang = preferences.language;
}
