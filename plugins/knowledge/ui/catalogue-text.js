/** The staff catalogue page's texts in Japanese (the default) and English. */
export const CATALOGUE_TEXT = {
  ja: {
    heading: 'ナレッジの出典と鮮度',
    caption: '出典ごとの件数・公開数・確認待ち・最終更新・見直し期限切れ',
    loading: '読み込んでいます…',
    failed: '一覧を読み込めませんでした。時間をおいてもう一度お試しください。',
    empty: 'まだナレッジが登録されていません。',
    columns: ['種類', '出典', '件数', '公開中', '確認待ち', '最終更新', '見直し期限切れ'],
    entities: {
      KnowledgeFaq: 'よくある質問',
      Benefit: '制度',
      KnowledgeArticle: 'ナレッジ記事',
      SortingItem: 'ごみ分別辞典',
    },
    never: '—',
  },
  en: {
    heading: 'Knowledge sources and freshness',
    caption: 'Per source: records, published, in review, last change, reviews overdue',
    loading: 'Loading…',
    failed: 'The list could not be loaded. Please try again later.',
    empty: 'No knowledge has been added yet.',
    columns: ['Kind', 'Source', 'Records', 'Published', 'In review', 'Last change', 'Reviews overdue'],
    entities: {
      KnowledgeFaq: 'FAQ',
      Benefit: 'Benefits',
      KnowledgeArticle: 'Knowledge articles',
      SortingItem: 'Sorting dictionary',
    },
    never: '—',
  },
};
