/** The reservations plugin's staff texts, Japanese first; English for staff who chose it. */
export const TEXT = {
  ja: {
    reservations: 'この住民の施設予約',
    none: '予約はありません。',
    refused: 'この住民の予約は、施設予約の担当職員だけが見られます。',
    unavailable: '予約を読み込めませんでした。',
    people: (count) => `${count} 人`,
    statuses: { confirmed: '予約済み', cancelled: '取消済み' },
    unknownFacility: '（施設の情報なし）',
  },
  en: {
    reservations: "This resident's facility reservations",
    none: 'No reservations.',
    refused: "Only facility booking staff can see this resident's reservations.",
    unavailable: 'The reservations could not be loaded.',
    people: (count) => `${count} ${count === 1 ? 'person' : 'people'}`,
    statuses: { confirmed: 'Confirmed', cancelled: 'Cancelled' },
    unknownFacility: '(facility not shown)',
  },
};

/** The element's texts: English when the portal speaks it, else Japanese. */
export function text(element) {
  return TEXT[element.language === 'en' ? 'en' : 'ja'];
}
