import { el } from './common.js';
import { translationTextFor } from './translation-texts.js';

/** The HTML `lang` of a conversation language: やさしい日本語 is Japanese to assistive technology. */
const htmlLang = (language) => (language === 'ja-easy' ? 'ja' : (language ?? 'ja'));

/**
 * One transcript line. A message carries its original and, when the sides read different
 * languages, a translation for the other side. Staff (`viewer.side === 'staff'`) see the
 * original and under it the translation, or that none was made — never the original passed
 * off as one. A resident sees a staff reply's translation first with the original in a
 * disclosure, or the original with a notice in their language that it is untranslated.
 */
export function messageLine(m, t, viewer) {
  const translation = m.translations?.[0] ?? null;
  const author = el('strong', { textContent: `${m.author.name ?? t.authors[m.author.kind]}: ` });
  // A resident reads their own lines as they wrote them.
  if (!translation || (viewer.side === 'resident' && m.author.kind === 'resident'))
    return el('li', {}, [author, el('span', { textContent: m.body })]);
  if (viewer.side === 'resident') return residentReading(m, translation, author);
  const original = el('span', { textContent: m.body, lang: htmlLang(m.language) });
  const note =
    translation.status === 'translated'
      ? el('span', { className: 'cc-translation', lang: htmlLang(translation.language) }, [
          el('small', { textContent: `${t.translation(translation.model ?? translation.adapter)}: ` }),
          translation.body,
        ])
      : el('small', {
          className: 'cc-untranslated',
          textContent: translation.status === 'notConfigured' ? t.translationNotConfigured : t.translationFailed,
        });
  return el('li', {}, [author, original, el('br'), note]);
}

function residentReading(m, translation, author) {
  const say = translationTextFor(translation.language);
  const original = el('span', { textContent: m.body, lang: 'ja' });
  if (translation.status !== 'translated') {
    const notice = translation.status === 'notConfigured' ? say.notConfigured : say.failed;
    return el('li', {}, [
      author,
      original,
      el('br'),
      el('small', { className: 'cc-untranslated', textContent: notice }),
    ]);
  }
  return el('li', {}, [
    author,
    el('span', { textContent: translation.body, lang: htmlLang(translation.language) }),
    el('br'),
    el('small', { textContent: say.machineTranslated }),
    el('details', {}, [el('summary', { textContent: say.original }), original]),
  ]);
}
