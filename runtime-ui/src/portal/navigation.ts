/**
 * Moves the portal to `path` as a link click would: a history entry, then the popstate the
 * router listens for. The shells use it after signing out.
 */
export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState({}, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
