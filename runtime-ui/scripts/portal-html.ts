import type { MessageKey } from '../src/i18n/index.ts';
import { translate } from '../src/i18n/index.ts';

/**
 * The HTML document of a portal: the engine answers every portal path with it and the shell
 * routes in the browser. Scripts and styles are files under `/ui/` (no inline code, so the
 * engine's Content-Security-Policy needs no exception); the title is the Japanese one until
 * the shell sets the page's own.
 */
export function portalHtml(portal: { script: string; tag: string; title: MessageKey }): string {
  return `<!doctype html>
<html lang="ja">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${translate('ja', portal.title)}</title>
    <link rel="stylesheet" href="/ui/portal.css" />
    <script type="module" src="/ui/${portal.script}"></script>
  </head>
  <body>
    <${portal.tag}></${portal.tag}>
  </body>
</html>
`;
}
