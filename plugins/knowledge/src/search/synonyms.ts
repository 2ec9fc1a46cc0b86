import type { Analyzer } from './analyzer.ts';
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
        const sound = foldSound(analyzer.analyze(text).readings.join(''));
        this.#members.push({ surface: foldKana(normalizeText(text)), sound, group: index, text });
      }
    });
  }

  get groups(): SynonymGroup[] {
    return this.#groups;
  }

  /** The other members of every group the query mentions. */
  expansions(query: string, querySound: string, lemmas: string[] = []): string[] {
    return this.matches(query, querySound, lemmas).flatMap((match) => match.others);
  }

  /** Per group the query mentions: the members it typed and the others it brings in. */
  matches(query: string, querySound: string, lemmas: string[] = []): SynonymMatch[] {
    // Dictionary forms too, so that 返したい meets 返す.
    const surface = `${foldKana(normalizeText(query))}|${lemmas.join('|')}`;
    const matched = new Map<number, Set<string>>();
    for (const member of this.#members) {
      const bySurface =
        (member.surface.length >= 2 || /\p{Script=Han}/u.test(member.surface)) && surface.includes(member.surface);
      const bySound = member.sound.length >= 3 && querySound.includes(member.sound);
      if (!bySurface && !bySound) continue;
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
