import { pointerOf } from './json-pointer.ts';
import type { LocalizedMessage } from './message-subject.ts';
import { didYouMean, type SemanticContext, unknownEntityMessage } from './semantic-context.ts';
import type { MetadataItem, PageMetadata, RoleMetadata } from './types.ts';

const AUDIENCE = { resident: 'resident', staff: 'staff' } as const;

/**
 * A page's route is its own within its portal, the roles it names exist and speak to that
 * portal's audience, and every form, view and entity its layout shows exists.
 */
export function checkPage(page: PageMetadata, context: SemanticContext): void {
  const report = (path: (string | number)[], code: string, message: LocalizedMessage) =>
    context.report(page, pointerOf(...path), `semantic.page.${code}`, message);
  const clash = context.items.find(
    (item) =>
      item.kind === 'page' &&
      item.name !== page.name &&
      item.portal === page.portal &&
      sameRoute(item.route, page.route),
  );
  if (clash) {
    report(['route'], 'routeTaken', {
      ja: `経路「${page.route}」はページ「${clash.name}」と重なっています。`,
      en: `The route "${page.route}" overlaps the page "${clash.name}".`,
    });
  }
  for (const [i, name] of (page.roles ?? []).entries()) {
    const role = context.items.find((item): item is RoleMetadata => item.kind === 'role' && item.name === name);
    if (!role) {
      report(['roles', i], 'unknownRole', missing('ロール', 'role', name, namesOf(context.items, 'role')));
    } else if (role.audience !== AUDIENCE[page.portal]) {
      report(['roles', i], 'audienceMismatch', {
        ja: `ロール「${name}」は ${role.audience} 向けなので、${page.portal} ポータルのページには使えません。`,
        en: `The role "${name}" is for ${role.audience} users and cannot open a page of the ${page.portal} portal.`,
      });
    }
  }
  for (const [i, component] of page.layout.entries()) {
    if (component.type === 'form' && !hasItem(context.items, 'form', component.form)) {
      report(
        ['layout', i, 'form'],
        'unknownForm',
        missing('フォーム', 'form', component.form, namesOf(context.items, 'form')),
      );
    } else if (component.type === 'list' && !hasItem(context.items, 'view', component.view)) {
      report(
        ['layout', i, 'view'],
        'unknownView',
        missing('ビュー', 'view', component.view, namesOf(context.items, 'view')),
      );
    } else if (component.type === 'detail') {
      if (!context.entities.has(component.entity) && !context.unverifiedEntities.has(component.entity)) {
        const path = ['layout', i, 'entity'];
        report(
          path,
          'unknownEntity',
          unknownEntityMessage(`layout[${i}].entity`, component.entity, context.entities.keys()),
        );
      } else if (!page.route.split('/').includes(':id')) {
        report(['route'], 'detailNeedsId', {
          ja: '詳細（detail）を表示するページの経路には :id が必要です。',
          en: 'A page that shows a detail needs :id in its route.',
        });
      }
    }
  }
}

/** `/applications/:id` and `/applications/:key` are the same route. */
function sameRoute(a: string, b: string): boolean {
  const shape = (route: string) => route.replace(/:[A-Za-z0-9]+/g, ':');
  return shape(a) === shape(b);
}

function hasItem(items: readonly MetadataItem[], kind: MetadataItem['kind'], name: string): boolean {
  return items.some((item) => item.kind === kind && item.name === name);
}

function namesOf(items: readonly MetadataItem[], kind: MetadataItem['kind']): string[] {
  return items.filter((item) => item.kind === kind).map((item) => item.name);
}

function missing(ja: string, en: string, name: string, candidates: string[]): LocalizedMessage {
  const hint = didYouMean(name, candidates);
  return { ja: `${ja}「${name}」はありません。${hint.ja}`, en: `There is no ${en} "${name}".${hint.en}` };
}
