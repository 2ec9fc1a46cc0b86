import { describe, expect, it } from 'vitest';
import { libraryCardItems } from './library-card.fixture.ts';
import type { FormMetadata, MetadataItem } from './types.ts';
import { validateMetadata } from './validate.ts';

/** The library-card set with the card application form changed, and any extra forms. */
function itemsWith(assurance: unknown, extra: MetadataItem[] = []): MetadataItem[] {
  const items = libraryCardItems();
  const form = items.find((item) => item.kind === 'form' && item.name === 'card-application') as FormMetadata;
  (form as unknown as { assurance: unknown }).assurance = assurance;
  return [...items, ...extra];
}

const problems = (items: MetadataItem[]) =>
  validateMetadata(items).map((error) => `${error.kind}:${error.name} ${error.pointer} ${error.code}`);

describe('a form requiring an assurance level', () => {
  it('accepts the levels low, substantial and jpki', () => {
    for (const level of ['low', 'substantial', 'jpki']) expect(problems(itemsWith(level))).toEqual([]);
  });

  it('refuses any other value at /assurance', () => {
    expect(problems(itemsWith('high'))).toEqual(['form:card-application /assurance schema.enum']);
    expect(problems(itemsWith(true))).toEqual(['form:card-application /assurance schema.enum']);
  });

  it('refuses two forms of one entity that require different levels, naming both', () => {
    const quick: FormMetadata = {
      ...(libraryCardItems().find((item) => item.name === 'card-application') as FormMetadata),
      name: 'quick-application',
      assurance: 'low',
    };
    expect(problems(itemsWith('jpki', [quick]))).toEqual([
      'form:card-application /assurance semantic.assuranceConflict',
      'form:quick-application /assurance semantic.assuranceConflict',
    ]);
    const agreeing = { ...quick, assurance: 'jpki' as const };
    expect(problems(itemsWith('jpki', [agreeing]))).toEqual([]);
  });
});
