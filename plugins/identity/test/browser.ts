/**
 * A browser as far as the code flow needs one: a cookie jar for the provider's host and manual
 * redirects, stopping where a redirect leaves that host (a service's callback, which is not
 * running: its URL is the result).
 */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(cookie?: string) {
    if (cookie) this.remember([cookie]);
  }

  /** Follows redirects from `url`; answers the callback URL reached, or the last non-redirect response. */
  async open(url: string | URL, init: RequestInit = {}): Promise<{ callback?: URL; response?: Response }> {
    let next = new URL(url);
    const host = next.origin;
    let request = init;
    for (let hops = 0; hops < 20; hops += 1) {
      const response = await fetch(next, {
        ...request,
        redirect: 'manual',
        headers: {
          ...(request.headers as Record<string, string>),
          cookie: this.header(),
          'sec-fetch-site': 'same-origin',
        },
      });
      this.remember(response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response };
      await response.body?.cancel();
      next = new URL(location, next);
      if (next.origin !== host) return { callback: next };
      request = {};
    }
    throw new Error('too many redirects');
  }

  post(url: string | URL, body: unknown) {
    return this.open(url, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  }

  private header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, date] = attribute.trim().split('=');
        return key.toLowerCase() === 'expires' && new Date(date).getTime() < Date.now();
      });
      if (value === '' || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
