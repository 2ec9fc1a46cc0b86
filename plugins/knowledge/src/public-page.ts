/**
 * The smart FAQ for visitors who have not signed in, as one document: the portal's pages need
 * a sign-in, so this page is served by the plugin's public routes and places the same
 * component in its `anonymous` mode (public knowledge only, through the rate-limited public
 * routes). Scripts and styles come only from this origin; nothing inline.
 */
export const PUBLIC_FAQ_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const TITLE = {
  ja: 'よくある質問・ごみの分別',
  en: 'FAQ and garbage sorting',
  'zh-Hans': '常见问题・垃圾分类',
  'zh-Hant': '常見問題・垃圾分類',
  ko: '자주 묻는 질문·쓰레기 분리배출',
  vi: 'Câu hỏi thường gặp và phân loại rác',
  'ja-x-easy': 'よく ある しつもん・ごみの わけかた',
} as const;

export type PublicFaqLanguage = keyof typeof TITLE;

/** The page's language from `?lang=`: one of the portal's languages, else Japanese. */
export function publicFaqLanguage(asked: string | undefined): PublicFaqLanguage {
  return asked !== undefined && Object.hasOwn(TITLE, asked) ? (asked as PublicFaqLanguage) : 'ja';
}

export function publicFaqPage(language: PublicFaqLanguage): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLE[language]}</title>
<link rel="stylesheet" href="/ui/plugins/knowledge/public-faq.css">
<script type="module" src="/ui/plugins/knowledge/public-faq.js"></script>
</head>
<body>
<header><h1>${TITLE[language]}</h1></header>
<main id="main"><knowledge-smart-faq anonymous></knowledge-smart-faq></main>
</body>
</html>
`;
}
