import { describe, expect, it } from 'vitest';
import { libraryCardItemsWith } from './library-card.fixture.ts';
import { checkSemantics } from './semantic-checks.ts';
import type { FormMetadata, MetadataError } from './types.ts';

function errorsAfter(formName: string, change: (form: FormMetadata) => void): MetadataError[] {
  return checkSemantics(libraryCardItemsWith('form', formName, change));
}

describe('form checks', () => {
  it('requires the entity to exist', () => {
    const errors = errorsAfter('card-application', (form) => {
      form.entity = 'Applications';
    });
    expect(errors).toEqual([
      {
        kind: 'form',
        name: 'card-application',
        pointer: '/entity',
        code: 'semantic.unknownEntity',
        message: {
          ja: 'entity に指定したエンティティ「Applications」はありません。もしかして「Application」ですか？',
          en: 'entity names the entity "Applications", which does not exist. Did you mean "Application"?',
        },
      },
    ]);
  });

  it('requires every placed field to be a stored field of the entity', () => {
    const errors = errorsAfter('applicant-registration', (form) => {
      form.sections[0].fields.push({ field: 'gender' });
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/sections/0/fields/3/field',
        code: 'semantic.unknownField',
        message: {
          ja: 'エンティティ「Applicant」にフィールド「gender」はありません。',
          en: 'The entity "Applicant" has no field "gender".',
        },
      }),
    ]);
  });

  it('refuses a collection field on a form', () => {
    const errors = checkSemantics(
      libraryCardItemsWith('form', 'card-application', (form) => {
        form.entity = 'Branch';
        form.sections[0].fields = [{ field: 'name' }, { field: 'applications' }];
      }),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/sections/0/fields/1/field',
        code: 'semantic.collectionNotAllowed',
        message: {
          ja: 'フィールド「applications」は一覧（collection）なので、ここでは使えません。',
          en: 'The field "applications" is a collection and cannot be used here.',
        },
      }),
    ]);
  });

  it('places a collection declared as line items', () => {
    const errors = checkSemantics(
      libraryCardItemsWith('form', 'card-application', (form) => {
        form.entity = 'Branch';
        form.sections[0].fields = [{ field: 'name' }, { field: 'applications' }];
      }).map((item) =>
        item.kind === 'entity' && item.name === 'Branch'
          ? {
              ...item,
              fields: item.fields.map((field) =>
                field.name === 'applications' ? { ...field, lineItems: { maxItems: 5 } } : field,
              ),
            }
          : item,
      ),
    );
    expect(errors).toEqual([]);
  });

  it('refuses a field placed twice', () => {
    const errors = errorsAfter('applicant-registration', (form) => {
      form.sections[1].fields.push({ field: 'name' });
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/sections/1/fields/4/field',
        code: 'semantic.duplicateFormField',
        message: {
          ja: 'フィールド「name」はこのフォームの sections[0].fields[0] にもう置かれています。',
          en: 'The field "name" is already placed on this form at sections[0].fields[0].',
        },
      }),
    ]);
  });

  it('requires a section step to be one of the steps', () => {
    const errors = errorsAfter('applicant-registration', (form) => {
      form.sections[1].step = 'contacts';
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/sections/1/step',
        code: 'semantic.unknownStep',
        message: {
          ja: 'ステップ「contacts」はこのフォームの steps にありません。もしかして「contact」ですか？',
          en: 'The step "contacts" is not one of this form\'s steps. Did you mean "contact"?',
        },
      }),
    ]);
  });

  it('requires every section of a form with steps to name its step', () => {
    const errors = errorsAfter('applicant-registration', (form) => {
      delete form.sections[1].step;
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/sections/1',
        code: 'semantic.missingStep',
        message: {
          ja: 'このフォームにはステップがあるので、sections[1] にも step を指定してください。',
          en: 'This form has steps, so sections[1] needs a step too.',
        },
      }),
    ]);
  });

  it('refuses a section or step name used twice', () => {
    const errors = errorsAfter('applicant-registration', (form) => {
      form.sections[1].name = 'identity';
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/sections/1/name',
        code: 'semantic.duplicateName',
        message: {
          ja: 'セクション名「identity」がこのフォームの中で重複しています。',
          en: 'The section name "identity" is used more than once in this form.',
        },
      }),
    ]);
  });

  it('requires visibleWhen to name fields of the entity', () => {
    const errors = errorsAfter('card-application', (form) => {
      form.sections[0].visibleWhen = { all: [{ not: { field: 'stauts', op: 'eq', value: 'approved' } }] };
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/sections/0/visibleWhen/all/0/not/field',
        code: 'semantic.unknownField',
        message: {
          ja: 'エンティティ「Application」にフィールド「stauts」はありません。もしかして「status」ですか？',
          en: 'The entity "Application" has no field "stauts". Did you mean "status"?',
        },
      }),
    ]);
  });

  it('requires the visibleWhen operator to suit the field type', () => {
    const errors = errorsAfter('card-application', (form) => {
      form.sections[0].fields[2].visibleWhen = { field: 'status', op: 'gt', value: 'approved' };
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/sections/0/fields/2/visibleWhen/op',
        code: 'semantic.operatorNotApplicable',
        message: {
          ja: '演算子「gt」はフィールド「status」（型: enum）には使えません。',
          en: 'The operator "gt" cannot be used with the field "status" (type enum).',
        },
      }),
    ]);
  });

  it('requires the visibleWhen value to be a value of the field', () => {
    const errors = errorsAfter('card-application', (form) => {
      form.sections[0].fields[2].visibleWhen = { field: 'status', op: 'in', value: ['submitted', 'sent'] };
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/sections/0/fields/2/visibleWhen/value/1',
        code: 'semantic.invalidFilterValue',
        message: {
          ja: 'sections[0].fields[2].visibleWhen.value[1] に "sent" は使えません。使える値: "submitted", "approved", "rejected"。',
          en: 'sections[0].fields[2].visibleWhen.value[1] cannot be "sent". Allowed values: "submitted", "approved", "rejected".',
        },
      }),
    ]);
  });

  it('does not look into an entity that is missing', () => {
    const errors = errorsAfter('card-application', (form) => {
      form.entity = 'Nothing';
      form.sections[0].fields.push({ field: 'nothing' });
    });
    expect(errors.map((error) => error.code)).toEqual(['semantic.unknownEntity']);
  });
});
