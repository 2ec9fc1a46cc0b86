import type { EditorLanguage } from '../errors.ts';
import type { I18nText } from './page-types.ts';

/** The page editor's texts: Japanese is the default, and the key every translation must have. */
const ja = {
  'editor.page.heading': 'ページ',
  'editor.page.labelJa': '題名（日本語）',
  'editor.page.labelEn': '題名（英語）',
  'editor.page.portal': 'ポータル',
  'editor.page.portal.resident': '市民ポータル（/）',
  'editor.page.portal.staff': '職員ポータル（/staff）',
  'editor.page.route': '経路（例: /applications/:id）',
  'editor.page.route.hint': '「:id」のように「:」で始まる部分は変数です。詳細の部品には経路に :id が必要です。',
  'editor.page.roles': '見られるロール',
  'editor.page.roles.everyone': 'どれも選ばなければ、このポータルの利用者なら誰でも見られます。',
  'editor.page.roles.none': 'ロールがまだありません。',
  'editor.page.menu': 'メニュー',
  'editor.page.menu.shown': 'メニューに表示する',
  'editor.page.menu.order': 'メニューの順番（小さいほど先）',
  'editor.page.layout': '部品の並び',
  'editor.page.layout.empty': '部品がありません。部品を 1 つ以上追加してください。',
  'editor.page.add': '部品を追加',
  'editor.page.add.markdown': '文章を追加',
  'editor.page.add.form': 'フォームを追加',
  'editor.page.add.list': '一覧を追加',
  'editor.page.add.detail': '詳細を追加',
  'editor.page.add.component': 'プラグイン部品を追加',
  'editor.page.type.markdown': '文章',
  'editor.page.type.form': 'フォーム',
  'editor.page.type.list': '一覧',
  'editor.page.type.detail': '詳細',
  'editor.page.type.component': 'プラグイン部品',
  'editor.page.block': '部品 {position}: {type}',
  'editor.page.block.moveUp': '部品 {position} を上へ',
  'editor.page.block.moveDown': '部品 {position} を下へ',
  'editor.page.block.remove': '部品 {position} を削除',
  'editor.page.block.moved': '部品を {position} 番目に移しました。',
  'editor.page.block.removed': '部品 {position} を削除しました。',
  'editor.page.block.added': '部品 {position}（{type}）を追加しました。',
  'editor.page.markdown.ja': '文章（日本語、Markdown）',
  'editor.page.markdown.en': '文章（英語、Markdown）',
  'editor.page.form': '表示するフォーム',
  'editor.page.list': '表示するビュー',
  'editor.page.detail': '表示するエンティティ',
  'editor.page.detail.needsId': '経路に :id がありません。詳細の部品は経路の :id のレコードを表示します。',
  'editor.page.component.tag': 'カスタム要素名（例: reservations-calendar）',
  'editor.page.component.props': '渡す値（JSON のオブジェクト、省略可）',
  'editor.page.component.propsInvalid': 'JSON のオブジェクト（{ … }）として読めません。直すまで反映されません。',
  'editor.page.choose': '選んでください',
  'editor.page.unpublished': '{name}（公開されていません）',
  'editor.page.preview': '構成のプレビュー',
  'editor.page.preview.markdown': '文章: {text}',
  'editor.page.preview.form': 'フォーム: {name}',
  'editor.page.preview.list': '一覧: {name}',
  'editor.page.preview.detail': '{name} の詳細（経路の :id）',
  'editor.page.preview.component': 'プラグイン部品: <{name}>',
  'editor.page.preview.unset': '（未設定）',
  'editor.page.otherErrors': 'ページ全体の問題',
};

export type PageMessageKey = keyof typeof ja;

const en: Record<PageMessageKey, string> = {
  'editor.page.heading': 'Page',
  'editor.page.labelJa': 'Title (Japanese)',
  'editor.page.labelEn': 'Title (English)',
  'editor.page.portal': 'Portal',
  'editor.page.portal.resident': 'Resident portal (/)',
  'editor.page.portal.staff': 'Staff portal (/staff)',
  'editor.page.route': 'Route (e.g. /applications/:id)',
  'editor.page.route.hint':
    'A segment starting with ":", such as ":id", is a parameter. A detail block needs :id in the route.',
  'editor.page.roles': 'Roles that may see the page',
  'editor.page.roles.everyone': 'With none chosen, every signed-in user of the portal sees it.',
  'editor.page.roles.none': 'There are no roles yet.',
  'editor.page.menu': 'Menu',
  'editor.page.menu.shown': 'Show in the menu',
  'editor.page.menu.order': 'Menu position (smallest first)',
  'editor.page.layout': 'Layout',
  'editor.page.layout.empty': 'There are no blocks. Add at least one.',
  'editor.page.add': 'Add a block',
  'editor.page.add.markdown': 'Add text',
  'editor.page.add.form': 'Add a form',
  'editor.page.add.list': 'Add a list',
  'editor.page.add.detail': 'Add a detail',
  'editor.page.add.component': 'Add a plugin component',
  'editor.page.type.markdown': 'Text',
  'editor.page.type.form': 'Form',
  'editor.page.type.list': 'List',
  'editor.page.type.detail': 'Detail',
  'editor.page.type.component': 'Plugin component',
  'editor.page.block': 'Block {position}: {type}',
  'editor.page.block.moveUp': 'Move block {position} up',
  'editor.page.block.moveDown': 'Move block {position} down',
  'editor.page.block.remove': 'Remove block {position}',
  'editor.page.block.moved': 'Moved the block to position {position}.',
  'editor.page.block.removed': 'Removed block {position}.',
  'editor.page.block.added': 'Added block {position} ({type}).',
  'editor.page.markdown.ja': 'Text (Japanese, Markdown)',
  'editor.page.markdown.en': 'Text (English, Markdown)',
  'editor.page.form': 'Form shown',
  'editor.page.list': 'View shown',
  'editor.page.detail': 'Entity shown',
  'editor.page.detail.needsId': "The route has no :id. A detail block shows the record of the route's :id.",
  'editor.page.component.tag': 'Custom element name (e.g. reservations-calendar)',
  'editor.page.component.props': 'Properties (a JSON object, optional)',
  'editor.page.component.propsInvalid': 'This is not a JSON object ({ … }); it is not applied until fixed.',
  'editor.page.choose': 'Choose one',
  'editor.page.unpublished': '{name} (not published)',
  'editor.page.preview': 'Structure preview',
  'editor.page.preview.markdown': 'Text: {text}',
  'editor.page.preview.form': 'Form: {name}',
  'editor.page.preview.list': 'List: {name}',
  'editor.page.preview.detail': "Detail of {name} (the route's :id)",
  'editor.page.preview.component': 'Plugin component: <{name}>',
  'editor.page.preview.unset': '(not set)',
  'editor.page.otherErrors': 'Problems with the whole page',
};

const CATALOGUES: Record<EditorLanguage, Record<PageMessageKey, string>> = { ja, en };

/** The text of `key` in `language` (Japanese when the language is unknown), placeholders filled. */
export function pageText(
  language: EditorLanguage,
  key: PageMessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = (CATALOGUES[language] ?? ja)[key];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}

/** A metadata label in the designer's language; Japanese, which every label has, stands in for a missing one. */
export function localizedString(text: I18nText | undefined, language: EditorLanguage): string {
  return text?.[language] ?? text?.ja ?? '';
}
