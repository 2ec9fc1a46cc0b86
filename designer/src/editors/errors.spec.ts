import { expect } from '@esm-bundle/chai';
import { type EditorError, errorsAt, isWithin, pointerOf, unclaimedErrors } from './errors.ts';

const error = (pointer: string): EditorError => ({ pointer, code: 'x', message: { ja: pointer, en: pointer } });

describe('JSON-pointer error lookup', () => {
  it('builds pointers, escaping ~ and / as RFC 6901 asks', () => {
    expect(pointerOf('fields', 2, 'type')).to.equal('/fields/2/type');
    expect(pointerOf('a/b', 'c~d')).to.equal('/a~1b/c~0d');
  });

  it('tells a pointer inside another from one that only shares its prefix', () => {
    expect(isWithin('/fields/2/type', '/fields/2')).to.equal(true);
    expect(isWithin('/fields/2', '/fields/2')).to.equal(true);
    expect(isWithin('/fields/21/type', '/fields/2')).to.equal(false);
  });

  it('finds the errors of one control, and the ones no control of a block claims', () => {
    const errors = [error('/fields/1/type'), error('/fields/1'), error('/fields/1/values/0'), error('/fields/10/name')];
    expect(errorsAt(errors, '/fields/1/type')).to.deep.equal([errors[0]]);
    expect(unclaimedErrors(errors, '/fields/1', ['/type', '/values'])).to.deep.equal([errors[1]]);
    expect(unclaimedErrors(errors, '', ['/fields'])).to.deep.equal([]);
  });
});
