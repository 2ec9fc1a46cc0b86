import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fetchPortalApp, fetchProfile, fetchSignedIn, saveProfile, signOut } from '../api/index.ts';
import { isLanguage } from '../i18n/index.ts';
import { loadPluginUi } from '../plugins/index.ts';
import { navigate } from './navigation.ts';
import type { PortalApp, PortalName, Principal, Profile } from './portal-types.ts';
import { applyPreferences, type Preferences, storedPreferences } from './preferences.ts';

/**
 * The signed-in state of a portal shell: who is signed in, the app description the menu and
 * pages come from, the resident's profile, and the reader's language and calendar. Both
 * shells hold one; it asks its host to render again whenever any of it changes.
 */
export class PortalSession implements ReactiveController {
  status: 'loading' | 'signedOut' | 'ready' | 'failed' = 'loading';
  principal: Principal | undefined;
  app: PortalApp | undefined;
  profile: Profile | undefined;
  preferences: Preferences = storedPreferences();
  readonly portal: PortalName;
  readonly apiBase: string;
  private readonly host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost, portal: PortalName, apiBase = '') {
    this.host = host;
    this.portal = portal;
    this.apiBase = apiBase;
    host.addController(this);
  }

  get options() {
    return { apiBase: this.apiBase, language: this.preferences.language };
  }

  hostConnected(): void {
    applyPreferences(this.preferences);
    void this.start();
  }

  private async start(): Promise<void> {
    try {
      const principal = await fetchSignedIn(this.options);
      if (principal) await this.signedIn(principal);
      else this.set({ status: 'signedOut' });
    } catch {
      this.set({ status: 'failed' });
    }
  }

  /** After sign-in or sign-up: the menu and pages of this principal. */
  async signedIn(principal: Principal): Promise<void> {
    this.set({ status: 'loading', principal });
    try {
      const [app, profile] = await Promise.all([
        fetchPortalApp(this.portal, this.options),
        this.portal === 'resident' ? fetchProfile(this.options).catch(() => undefined) : undefined,
      ]);
      // Before the first page draws, so that plugin fields and components are defined by then.
      await loadPluginUi(app.plugins ?? []);
      this.set({ app, profile, status: 'ready' });
      if (profile) this.adoptProfilePreferences(profile);
    } catch {
      this.set({ status: 'failed' });
    }
  }

  /** Back to the sign-in at the portal's home, so the next person does not land on this one's page. */
  async signOut(home: string): Promise<void> {
    await signOut(this.options).catch(() => undefined);
    this.set({ status: 'signedOut', principal: undefined, app: undefined, profile: undefined });
    navigate(home);
  }

  /** A choice in the header; a signed-in resident keeps it in their profile too. */
  choosePreferences(preferences: Preferences): void {
    this.setPreferences(preferences);
    if (this.profile) {
      const profile = { ...this.profile, ...preferences };
      this.profile = profile;
      void saveProfile(profile, this.options).catch(() => undefined);
    }
  }

  profileSaved(profile: Profile): void {
    this.set({ profile });
    this.adoptProfilePreferences(profile);
  }

  private adoptProfilePreferences(profile: Profile): void {
    this.setPreferences({
      language: isLanguage(profile.language) ? profile.language : this.preferences.language,
      calendar: profile.calendar ?? this.preferences.calendar,
    });
  }

  private setPreferences(preferences: Preferences): void {
    applyPreferences(preferences);
    this.set({ preferences });
  }

  private set(changes: Partial<Pick<PortalSession, 'status' | 'principal' | 'app' | 'profile' | 'preferences'>>): void {
    Object.assign(this, changes);
    this.host.requestUpdate();
  }
}
