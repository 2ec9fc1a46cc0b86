import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('writes leading keys first, the rest sorted, at every level, and keeps array order', () => {
    const text = canonicalJson({
      fields: [{ required: true, label: { ja: '名' }, type: 'string', name: 'b' }, { name: 'a' }],
      label: { en: 'Branch', ja: '図書館' },
      name: 'Branch',
      kind: 'entity',
      description: { ja: '説明' },
      titleField: 'b',
    });
    expect(Object.keys(JSON.parse(text))).toEqual(['kind', 'name', 'label', 'description', 'fields', 'titleField']);
    expect(Object.keys(JSON.parse(text).fields[0])).toEqual(['name', 'type', 'label', 'required']);
    expect(JSON.parse(text).fields.map((f: { name: string }) => f.name)).toEqual(['b', 'a']);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "name": "Branch",\n');
  });

  it('gives the same text whatever the input key order, and keeps a __proto__ key', () => {
    const a = JSON.parse('{"z":1,"__proto__":{"x":1},"a":[{"q":1,"p":2}]}');
    const b = JSON.parse('{"a":[{"p":2,"q":1}],"__proto__":{"x":1},"z":1}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toContain('"__proto__"');
  });
});
