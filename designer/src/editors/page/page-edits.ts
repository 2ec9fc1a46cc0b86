import { insertAt, moveItem, removeAt, replaceAt, withProperty } from '../shared/immutable.ts';
import type { PageComponent, PageMetadata } from './page-types.ts';

export type BlockType = PageComponent['type'];

/** The block types in the order the "add" buttons offer them. */
export const BLOCK_TYPES: readonly BlockType[] = ['markdown', 'form', 'list', 'detail', 'component'];

/** What a new block of each type starts with: the first published choice, if there is one. */
export interface BlockDefaults {
  form?: string;
  view?: string;
  entity?: string;
}

/**
 * A new block of `type`. A reference nobody has chosen yet is left empty, so the engine
 * reports it at the block's picker instead of the page silently showing something.
 */
export function newBlock(type: BlockType, defaults: BlockDefaults): PageComponent {
  switch (type) {
    case 'markdown':
      return { type, content: { ja: '' } };
    case 'form':
      return { type, form: defaults.form ?? '' };
    case 'list':
      return { type, view: defaults.view ?? '' };
    case 'detail':
      return { type, entity: defaults.entity ?? '' };
    case 'component':
      return { type, tag: '' };
  }
}

export function addBlock(page: PageMetadata, block: PageComponent): PageMetadata {
  return { ...page, layout: insertAt(page.layout, page.layout.length, block) };
}

export function replaceBlock(page: PageMetadata, index: number, block: PageComponent): PageMetadata {
  return { ...page, layout: replaceAt(page.layout, index, block) };
}

export function moveBlock(page: PageMetadata, from: number, to: number): PageMetadata {
  return { ...page, layout: moveItem(page.layout, from, to) };
}

export function removeBlock(page: PageMetadata, index: number): PageMetadata {
  return { ...page, layout: removeAt(page.layout, index) };
}

/** The page with `role` allowed or not; with no role left, `roles` goes (everyone of the portal). */
export function withRole(page: PageMetadata, role: string, allowed: boolean): PageMetadata {
  const others = (page.roles ?? []).filter((existing) => existing !== role);
  const roles = allowed ? [...others, role] : others;
  return withProperty(page, 'roles', roles.length > 0 ? roles : undefined);
}

/** The page in the menu at `order`, or out of it when `order` is undefined. */
export function withMenu(page: PageMetadata, order: number | undefined): PageMetadata {
  return withProperty(page, 'menu', order === undefined ? undefined : { order });
}

/** Whether the route has an `:id` parameter, which a detail block shows the record of. */
export function routeHasId(route: string): boolean {
  return route.split('/').includes(':id');
}
