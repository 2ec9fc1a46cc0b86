import type { PrincipalKind } from '../access/index.ts';
import { KibanError } from '../errors.ts';
import type { PrincipalAttribute, RoleMetadata } from '../metadata/index.ts';
import type { LiveApp } from './live-app.ts';

/** Every staff attribute the published roles declare, by name, with each declaration of it. */
export function declaredAttributes(live: LiveApp): Map<string, PrincipalAttribute[]> {
  const declared = new Map<string, PrincipalAttribute[]>();
  for (const item of live.items) {
    if (item.kind !== 'role') continue;
    for (const [name, attribute] of Object.entries((item as RoleMetadata).principalAttributes ?? {})) {
      declared.set(name, [...(declared.get(name) ?? []), attribute]);
    }
  }
  return declared;
}

/**
 * Attributes are for staff, and each must be declared by a published role with the value among
 * the values every declaration allows: a typo in a ward would otherwise silently hide every row.
 * Throws 422 naming each refused attribute.
 */
export function checkAssignableAttributes(
  live: LiveApp,
  attributes: Record<string, string>,
  kind: PrincipalKind,
): void {
  const declared = declaredAttributes(live);
  const details = Object.entries(attributes).flatMap(([name, value]) => {
    const pointer = `/attributes/${name}`;
    if (kind !== 'staff') {
      return [
        problem(pointer, 'attribute.staffOnly', '属性は職員にだけ設定できます。', 'Only staff carry attributes.'),
      ];
    }
    const declarations = declared.get(name);
    if (!declarations) {
      return [
        problem(
          pointer,
          'attribute.unknown',
          `属性「${name}」はどの公開済みロールにも宣言されていません。`,
          `No published role declares the attribute "${name}".`,
        ),
      ];
    }
    const allowed = declarations.every((declaration) => declaration.values?.includes(value) ?? true);
    if (allowed) return [];
    const values = [...new Set(declarations.flatMap((declaration) => declaration.values ?? []))].join(', ');
    return [
      problem(
        pointer,
        'attribute.invalidValue',
        `属性「${name}」の値は ${values} のいずれかにしてください。`,
        `The attribute "${name}" must be one of ${values}.`,
      ),
    ];
  });
  if (details.length > 0) {
    throw new KibanError(
      'request.invalid',
      422,
      { ja: '設定できない属性があります。', en: 'Some attributes cannot be set.' },
      details,
    );
  }
}

function problem(pointer: string, code: string, ja: string, en: string) {
  return { pointer, code, message: { ja, en } };
}
