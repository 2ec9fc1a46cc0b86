import { say } from '../src/i18n/index.ts';

/**
 * The designer's HTML: the engine answers `/designer` and `/designer/*` with it and the
 * shell routes in the browser. No inline script or style (the CSP has no exception for
 * them); the assets are served from `/designer/assets/`.
 */
export function designerHtml(): string {
  return `<!doctype html>
<html lang="ja">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${say('ja', 'app.title')}</title>
    <link rel="stylesheet" href="/designer/assets/designer.css" />
    <script type="module" src="/designer/assets/designer.js"></script>
  </head>
  <body>
    <kiban-designer-app></kiban-designer-app>
  </body>
</html>
`;
}
