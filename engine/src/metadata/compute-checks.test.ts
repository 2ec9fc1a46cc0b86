import { describe, expect, it } from 'vitest';
import { computedField, order, orderLine, priceItem, withComputed } from '../rules/compute/test-entities.ts';
import type { EntityMetadata, FieldDefinition } from './types.ts';
import { validateMetadata } from './validate.ts';

const problems = (...fields: FieldDefinition[]) =>
  validateMetadata([priceItem, orderLine, withComputed(order, ...fields)]).map(({ name, pointer, code }) => ({
    name,
    pointer,
    code,
  }));

describe('computed field checks', () => {
  it('accepts facts, references, aggregates, dates and text that fit their fields', () => {
    expect(
      problems(
        computedField('total', 'decimal', { sum: { mul: [{ fact: 'quantity' }, { fact: 'item.fee' }] }, of: 'lines' }),
        computedField('lineCount', 'integer', { fact: 'count', of: 'lines' }),
        computedField('net', 'decimal', { sub: [{ fact: 'total' }, { fact: 'discount' }] }),
        computedField('fullName', 'string', { concat: [{ fact: 'familyName' }, ' ', { fact: 'givenName' }] }),
        computedField('age', 'integer', { ageOn: [{ fact: 'birthDate' }, { fact: 'orderedOn' }] }),
        computedField('due', 'date', { addBusinessDays: [{ fact: 'orderedOn' }, 10] }),
        computedField('lastService', 'date', { max: { fact: 'servedOn' }, of: 'lines' }),
      ),
    ).toEqual([]);
  });

  it('reports unknown facts, wrong kinds and misplaced aggregates where they are', () => {
    expect(
      problems(
        computedField('a', 'decimal', { sum: { fact: 'quantty' }, of: 'lines' }),
        computedField('b', 'decimal', { add: [{ fact: 'familyName' }, 1] }),
        computedField('c', 'integer', { sum: { fact: 'quantity' }, of: 'familyName' }),
        computedField('d', 'string', { fact: 'age', of: 'birthDate' }),
        computedField('e', 'integer', { div: [{ fact: 'copies' }, 2] }),
        computedField('f', 'boolean', 1),
        computedField('g', 'decimal', { sum: { fact: 'count', of: 'lines' }, of: 'lines' }),
        computedField('h', 'integer', 1, { default: 2 }),
      ),
    ).toEqual([
      { name: 'Order', pointer: '/fields/7/compute/sum/fact', code: 'semantic.compute.unknownFact' },
      { name: 'Order', pointer: '/fields/8/compute/add/0', code: 'semantic.compute.kindMismatch' },
      { name: 'Order', pointer: '/fields/9/compute/of', code: 'semantic.compute.notACollection' },
      { name: 'Order', pointer: '/fields/10/compute/fact', code: 'semantic.compute.unsupportedFact' },
      { name: 'Order', pointer: '/fields/11/compute', code: 'semantic.compute.kindMismatch' },
      { name: 'Order', pointer: '/fields/12/compute', code: 'semantic.compute.fieldType' },
      { name: 'Order', pointer: '/fields/13/compute/sum/of', code: 'semantic.compute.unknownFact' },
      { name: 'Order', pointer: '/fields/14/default', code: 'semantic.compute.input' },
    ]);
  });

  it('refuses computed fields that depend on themselves, in a record and across entities', () => {
    expect(
      problems(
        computedField('x', 'integer', { add: [{ fact: 'y' }, 1] }),
        computedField('y', 'integer', { add: [{ fact: 'x' }, 1] }),
      ).map((problem) => problem.code),
    ).toEqual(['semantic.compute.cycle', 'semantic.compute.cycle']);
    const line: EntityMetadata = withComputed(
      orderLine,
      computedField('orderCopies', 'integer', { fact: 'order.lineCount' }),
    );
    const looped = validateMetadata([
      priceItem,
      line,
      withComputed(order, computedField('lineCount', 'integer', { sum: { fact: 'orderCopies' }, of: 'lines' })),
    ]);
    expect(looped.map(({ name, code }) => ({ name, code }))).toEqual([
      { name: 'OrderLine', code: 'semantic.compute.cycle' },
      { name: 'Order', code: 'semantic.compute.cycle' },
    ]);
  });
});
