import type { Analyzer, QuerySound } from './analyzer.ts';
import { foldKana, foldSound, normalizeText } from './normalize.ts';

/** Words residents and the city use for one thing; any one typed brings in the others. */
export type SynonymGroup = string[];

/** A group a query mentions: the members typed and the others, to search for too. */
export interface SynonymMatch {
  typed: string[];
  others: string[];
}

interface Member {
  surface: string;
  sound: string;
  /** The content words of a phrase (悪いことに使う → 悪い, 使う): a query with all of them mentions it, however inflected. */
  words: string[];
  group: number;
  text: string;
}

/**
 * A synonym dictionary staff can edit (ケータイ → 携帯電話). A query containing a member, as
 * written or as it sounds, is expanded with the group's other members.
 */
export class SynonymDictionary {
  readonly #members: Member[] = [];
  readonly #groups: SynonymGroup[];

  constructor(groups: SynonymGroup[], analyzer: Analyzer) {
    this.#groups = groups;
    groups.forEach((group, index) => {
      for (const text of group) {
        const analysed = analyzer.analyze(text);
        const sound = foldSound(analysed.readings.join(''));
        const words = analysed.words.length >= 2 ? analysed.words : [];
        this.#members.push({ surface: foldKana(normalizeText(text)), sound, words, group: index, text });
      }
    });
  }

  get groups(): SynonymGroup[] {
    return this.#groups;
  }

  /**
   * Per group the query mentions (as written, by its dictionary forms and their readings, as it sounds, or by all
   * the words of a phrase): the members it typed and the others it brings in.
   */
  matches(query: string, heard: QuerySound, lemmas: string[] = [], readings: string[] = []): SynonymMatch[] {
    // Dictionary forms too, so that 返したい meets 返す.
    const surface = `${foldKana(normalizeText(query))}|${lemmas.join('|')}`;
    const matched = new Map<number, Set<string>>();
    const lemmaSet = new Set(lemmas);
    for (const member of this.#members) {
      const bySurface =
        (member.surface.length >= 2 || /\p{Script=Han}/u.test(member.surface)) &&
        surface.includes(member.surface) &&
        !insideAWord(member.surface, lemmas);
      const bySound =
        member.sound.length >= 3 &&
        (startsAWord(member.sound, heard) || readings.some((reading) => reading.startsWith(member.sound)));
      const byWords = member.words.length > 0 && member.words.every((word) => lemmaSet.has(word));
      if (!bySurface && !bySound && !byWords) continue;
      let typed = matched.get(member.group);
      if (!typed) {
        typed = new Set();
        matched.set(member.group, typed);
      }
      typed.add(member.text);
    }
    return [...matched].map(([group, typed]) => ({
      typed: [...typed],
      others: (this.#groups[group] ?? []).filter((text) => !typed.has(text)),
    }));
  }
}

/** Whether a member is only the inner part of a word typed (子 of 電子), not a word of its own. */
function insideAWord(member: string, lemmas: string[]): boolean {
  return lemmas.some((lemma) => lemma.indexOf(member) > 0) && !lemmas.some((lemma) => lemma.startsWith(member));
}

/** Whether a member's sound is heard from the start of one of the query's words. */
function startsAWord(member: string, heard: QuerySound): boolean {
  for (let at = heard.sound.indexOf(member); at >= 0; at = heard.sound.indexOf(member, at + 1))
    if (heard.starts.has(at)) return true;
  return false;
}
