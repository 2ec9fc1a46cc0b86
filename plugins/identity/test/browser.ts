/**
 * A browser as far as these flows need one: a cookie jar per origin and redirects followed by
 * hand, stopping where `stop` says (by default where a redirect leaves the first origin: a
 * service's callback, which is not running, so its URL is the result).
 */
export class Browser {
  private readonly jars = new Map<string, Map<string, string>>();
  private readonly stop?: (url: URL) => boolean;

  constructor(cookie?: string, stop?: (url: URL) => boolean) {
    this.stop = stop;
    if (cookie) this.pendingCookie = cookie;
  }

  private pendingCookie?: string;

  /** Follows redirects from `url`; answers the URL it stopped at, or the last non-redirect response. */
  async open(url: string | URL, init: RequestInit = {}): Promise<{ callback?: URL; response?: Response }> {
    let next = new URL(url);
    const first = next.origin;
    if (this.pendingCookie) {
      this.remember(first, [this.pendingCookie]);
      this.pendingCookie = undefined;
    }
    let request = init;
    for (let hops = 0; hops < 20; hops += 1) {
      const response = await fetch(next, {
        ...request,
        redirect: 'manual',
        headers: {
          ...(request.headers as Record<string, string>),
          cookie: this.header(next.origin),
          'sec-fetch-site': 'same-origin',
        },
      });
      this.remember(next.origin, response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response };
      await response.body?.cancel();
      next = new URL(location, next);
      if (this.stop ? this.stop(next) : next.origin !== first) return { callback: next };
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

  /** The cookie `name` this browser holds for `origin`. */
  cookie(origin: string, name: string): string | undefined {
    const value = this.jars.get(origin)?.get(name);
    return value === undefined ? undefined : `${name}=${value}`;
  }

  private header(origin: string): string {
    return [...(this.jars.get(origin) ?? [])].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(origin: string, setCookies: string[]): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, date] = attribute.trim().split('=');
        return key.toLowerCase() === 'expires' && new Date(date).getTime() < Date.now();
      });
      if (value === '' || expired) jar.delete(name);
      else jar.set(name, value);
    }
  }
}
