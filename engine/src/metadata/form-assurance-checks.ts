import type { SemanticContext } from './semantic-context.ts';
import type { FormMetadata } from './types.ts';

/**
 * The engine holds every resident create of an entity to the assurance its forms declare, so
 * two forms of one entity declaring different levels would leave one of them meaningless.
 */
export function checkFormAssurance(form: FormMetadata, context: SemanticContext): void {
  if (form.assurance === undefined) return;
  const other = context.items.find(
    (item): item is FormMetadata =>
      item.kind === 'form' &&
      item.entity === form.entity &&
      item.assurance !== undefined &&
      item.assurance !== form.assurance,
  );
  if (!other) return;
  context.report(form, '/assurance', 'semantic.assuranceConflict', {
    ja: `エンティティ「${form.entity}」のフォーム「${other.name}」は別の本人確認の強さ（${other.assurance}）を求めています。同じエンティティのフォームでは assurance をそろえてください。`,
    en: `The form "${other.name}" of the entity "${form.entity}" requires another assurance (${other.assurance}); forms of one entity must agree on assurance.`,
  });
}
