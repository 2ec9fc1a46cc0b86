import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * After the portal moves to another page: the document title names the new page, and focus
 * goes to the main region so that keyboard and screen-reader users start reading there
 * (as after a full page load) instead of staying on the link they followed.
 */
export class RouteFocus implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly titleOf: (pathname: string) => string;
  private shownPath: string | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, titleOf: (pathname: string) => string) {
    this.host = host;
    this.titleOf = titleOf;
    host.addController(this);
  }

  hostUpdated(): void {
    const path = location.pathname;
    document.title = this.titleOf(path);
    if (this.shownPath !== undefined && this.shownPath !== path) {
      this.host.shadowRoot?.getElementById('main')?.focus();
    }
    this.shownPath = path;
  }
}
