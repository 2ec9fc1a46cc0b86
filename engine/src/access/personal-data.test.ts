import { describe, expect, it } from 'vitest';
import type { EntityMetadata } from '../metadata/types.ts';
import { personalFieldsIn, shouldAuditRead } from './personal-data.ts';

const child: EntityMetadata = {
  kind: 'entity',
  name: 'Child',
  label: { ja: '子ども' },
  fields: [
    { name: 'name', type: 'string', label: { ja: '氏名' }, classification: 'personal' },
    { name: 'allergy', type: 'text', label: { ja: 'アレルギー' }, classification: 'sensitive' },
    { name: 'school', type: 'string', label: { ja: '学校' }, classification: 'none' },
    { name: 'grade', type: 'integer', label: { ja: '学年' } },
  ],
};

describe('personal data', () => {
  it('picks the personal and sensitive fields, each once, in the order given', () => {
    expect(personalFieldsIn(child, ['school', 'allergy', 'id', 'name', 'allergy', 'grade'])).toEqual([
      'allergy',
      'name',
    ]);
    expect(personalFieldsIn(child, new Set(['school', 'grade']))).toEqual([]);
  });

  it('audits staff reads of personal data only', () => {
    expect(shouldAuditRead({ kind: 'staff' }, child, ['id', 'name'])).toBe(true);
    expect(shouldAuditRead({ kind: 'staff' }, child, ['allergy'])).toBe(true);
    expect(shouldAuditRead({ kind: 'staff' }, child, ['id', 'school', 'grade'])).toBe(false);
    expect(shouldAuditRead({ kind: 'resident' }, child, ['name'])).toBe(false);
    expect(shouldAuditRead({ kind: 'system' }, child, ['name'])).toBe(false);
    expect(shouldAuditRead(null, child, ['name'])).toBe(false);
  });
});
