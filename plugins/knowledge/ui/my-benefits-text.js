/** The "benefits for you" page's texts in Japanese (the default) and English. */
export const MY_BENEFITS_TEXT = {
  ja: {
    heading: 'あなたが対象となる可能性のある制度',
    explain:
      '同意すると、市に登録されているあなたの情報（世帯など）を使って、制度の条件に合うかを確かめます。確認した記録は残ります。同意はいつでも取り消せます。',
    consent: '登録情報を使って対象の制度を確かめることに同意する',
    loading: '読み込んでいます…',
    failed: '読み込めませんでした。時間をおいてもう一度お試しください。',
    notConsented: '同意すると、対象となる可能性のある制度がここに表示されます。',
    none: 'いまの登録情報で条件に合う制度は見つかりませんでした。',
    found: (count) => `${count} 件の制度が見つかりました。`,
    amount: '金額',
    howToApply: '申請方法',
    contact: '問い合わせ先',
    until: '受付期限',
  },
  en: {
    heading: 'Benefits you may be eligible for',
    explain:
      'With your consent, the information the city holds about you (your household, for example) is used to check the conditions of each benefit. Each check is recorded. You can withdraw your consent at any time.',
    consent: 'I agree to my registered information being used to check which benefits apply to me',
    loading: 'Loading…',
    failed: 'This could not be loaded. Please try again later.',
    notConsented: 'With your consent, the benefits you may be eligible for appear here.',
    none: 'No benefit matches your registered information at the moment.',
    found: (count) => `${count} ${count === 1 ? 'benefit' : 'benefits'} found.`,
    amount: 'Amount',
    howToApply: 'How to apply',
    contact: 'Contact',
    until: 'Apply by',
  },
};
