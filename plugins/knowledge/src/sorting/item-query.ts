/**
 * What residents wrap around an item's name when they ask the garbage guide: 「ソファーは何ごみ？」,
 * 「冷蔵庫を捨てたい」, 「乾電池の捨て方」. Stripped so the name alone is searched.
 */
const WRAPPERS: RegExp[] = [
  /[?？!！。]+$/u,
  /(って|は|の)?(何|なに|なん|どの)(ごみ|ゴミ|の日|曜日|日)(ですか|でしょうか|ですか)?$/u,
  /(の)?(捨て方|すてかた|出し方|だしかた|処分方法|処分の仕方|分別方法|分別|分け方)(は|を教えて|が知りたい|を知りたい)?(ください)?$/u,
  /(は|を|って)?(どうやって|どう|どこに|どこへ|いつ)?(捨てる|すてる|捨てたい|すてたい|捨てれば|捨てます|出す|だす|出したい|だしたい|処分したい|処分する|出せば|処分すれば)(の|ん)?(ですか|か|いい|いいの|よい|良い)?(ですか)?$/u,
  /(は|を)?(ごみ|ゴミ)(に)?(出せる|出せます|だせる)(か|の)?$/u,
];

export function itemQuery(text: string): string {
  let query = text.normalize('NFKC').trim();
  for (let round = 0; round < 3; round++) {
    const before = query;
    for (const wrapper of WRAPPERS) query = query.replace(wrapper, '').trim();
    if (query === before) break;
  }
  return query || text;
}
