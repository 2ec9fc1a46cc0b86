import { KibanError } from '../errors.ts';

/** One problem in a filter, sort or cursor, located by a JSON pointer such as `/filter/age/gte`. */
export interface FilterProblem {
  pointer: string;
  code: string;
  message: { ja: string; en: string };
}

/** A filter, sort or cursor that cannot run; `details` lists every problem found, not just the first. */
export class FilterError extends KibanError {
  constructor(details: FilterProblem[]) {
    super(
      'filter.invalid',
      400,
      {
        ja: '絞り込み・並べ替えの指定に誤りがあります。',
        en: `The filter, sort or cursor cannot run: ${details.map((d) => `${d.pointer}: ${d.message.en}`).join('; ')}`,
      },
      details,
    );
    this.name = 'FilterError';
  }
}
