import { expect } from '@esm-bundle/chai';
import { jsonLocations, locatePointer } from '../src/model/json-locations.ts';
import { itemPointer } from '../src/model/json-pointer.ts';

describe('jsonLocations', () => {
  const text = JSON.stringify(
    { kind: 'entity', fields: [{ name: 'a/b', type: 'string' }, { n: [1, true, null] }] },
    null,
    2,
  );
  const spans = jsonLocations(text);
  const at = (pointer: string) => {
    const span = locatePointer(spans, pointer);
    return span ? text.slice(span.start, span.end) : undefined;
  };

  it('finds each member from its key, and array elements by their value', () => {
    expect(at('/kind')).to.equal('"kind": "entity"');
    expect(at('/fields/0/type')).to.equal('"type": "string"');
    expect(at('/fields/1/n/2')).to.equal('null');
    expect(at('')).to.equal(text);
  });

  it('falls back to the nearest parent for a member that is missing', () => {
    expect(at('/fields/0/label')).to.equal(text.slice(text.indexOf('{', 20), text.indexOf('}') + 1));
  });

  it('turns app pointers of a publish refusal into pointers inside the item', () => {
    expect(itemPointer('/entity/Branch/fields/0/type', 'entity', 'Branch')).to.equal('/fields/0/type');
    expect(itemPointer('/entity/Branch', 'entity', 'Branch')).to.equal('');
    expect(itemPointer('/entity/BranchX/fields', 'entity', 'Branch')).to.equal(undefined);
  });
});
