import { describe, expect, it } from 'vitest';
import { libraryCardItem, libraryCardItems } from './library-card.fixture.ts';
import type { LoadedItem } from './load-files.ts';
import { validateMetadata } from './validate.ts';

describe('validateMetadata', () => {
  it('accepts the complete library-card set', () => {
    expect(validateMetadata(libraryCardItems())).toEqual([]);
  });

  it('reports shape errors and semantic errors with the file of their item', () => {
    const items = libraryCardItems();
    const entity = items.find((item) => item.name === 'Application');
    if (entity?.kind !== 'entity') throw new Error('fixture changed');
    entity.fields[0].target = 'Person';
    const form = items.find((item) => item.name === 'card-application') as unknown as Record<string, unknown>;
    form.colour = 'blue';
    const loaded: LoadedItem[] = items.map((item) => ({ item, file: `${item.kind}s/${item.name}.json` }));
    expect(validateMetadata(loaded)).toEqual([
      expect.objectContaining({
        file: 'forms/card-application.json',
        code: 'schema.additionalProperties',
        pointer: '/colour',
      }),
      expect.objectContaining({
        file: 'entitys/Application.json',
        code: 'semantic.unknownEntity',
        pointer: '/fields/0/target',
      }),
    ]);
  });

  it('does not report references to an entity that exists but is itself invalid', () => {
    const items = libraryCardItems();
    const branch = items.find((item) => item.name === 'Branch') as unknown as { fields: unknown[] };
    branch.fields.push({ name: 'Bad Name', type: 'string', label: { ja: '不正' } });
    const errors = validateMetadata(items);
    expect(errors.map((error) => [error.name, error.code, error.pointer])).toEqual([
      ['Branch', 'schema.pattern', '/fields/3/name'],
    ]);
  });

  it('names each item of a duplicate pair only once', () => {
    const errors = validateMetadata([...libraryCardItems(), libraryCardItem('view', 'open-applications')]);
    expect(errors).toEqual([
      {
        kind: 'view',
        name: 'open-applications',
        pointer: '/name',
        code: 'semantic.duplicateName',
        message: {
          ja: 'ビュー「open-applications」は別の定義と名前が重複しています。',
          en: 'There is more than one view named "open-applications".',
        },
      },
    ]);
  });
});
