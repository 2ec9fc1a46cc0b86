/**
 * Questions about one person's own records (私のマイナンバーは何番, 住民税はいくら, 山田さんの住所)
 * need their records and their consent: the concierge reads only the city's general knowledge,
 * so it refuses them and points to where the person can ask. A general question about a
 * procedure (マイナンバーカードをなくした) is not one of them.
 */
const WHOSE =
  '(?:私|わたし|自分|僕|ぼく|俺|うち|我が家|妻|夫|主人|母|父|息子|娘|子ども|子供|祖母|祖父|家族|〔氏名〕(?:さん|様)?|[\\p{Script=Han}]{1,4}(?:さん|様))';
const RECORD =
  '(?:マイナンバー|個人番号|住所|電話番号|生年月日|住民税|所得|税額|収入|保険料|年金額|年金記録|申請状況|審査結果|認定結果|口座|住民票の内容|戸籍|納税額|滞納額|給付額)';
const ASKING = '(?:何|なに|いくら|教えて|知りたい|調べ|確認|見せ|表示|わかります|分かります|どう(?:なって|なり))';

const PERSONAL_QUESTION = new RegExp(`${WHOSE}の${RECORD}(?:は|を|が|って)?[^。？?]{0,20}${ASKING}`, 'u');

export function asksForPersonalRecords(message: string): boolean {
  return PERSONAL_QUESTION.test(message.normalize('NFKC'));
}
