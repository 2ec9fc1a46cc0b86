import type { PlacementAt } from './form-changes.ts';

/**
 * What a drag carries. A field from the palette and a field already on the form travel as
 * different types, so a drop knows whether to add or to move without guessing from text.
 */
const PALETTE_FIELD = 'application/x-kiban-field';
const PLACED_FIELD = 'application/x-kiban-placement';

export type DraggedItem = { kind: 'palette'; field: string } | { kind: 'placed'; at: PlacementAt };

export function startDrag(event: DragEvent, item: DraggedItem): void {
  const data = event.dataTransfer;
  if (!data) return;
  if (item.kind === 'palette') {
    data.setData(PALETTE_FIELD, item.field);
    // Other applications (a text editor) receive the field name.
    data.setData('text/plain', item.field);
    data.effectAllowed = 'copy';
  } else {
    data.setData(PLACED_FIELD, `${item.at.section}:${item.at.index}`);
    data.effectAllowed = 'move';
  }
}

/** Whether a drag over a drop zone carries something the form builder accepts. */
export function carriesField(event: DragEvent): boolean {
  const types = event.dataTransfer?.types ?? [];
  return types.includes(PALETTE_FIELD) || types.includes(PLACED_FIELD);
}

export function draggedItem(event: DragEvent): DraggedItem | undefined {
  const data = event.dataTransfer;
  const field = data?.getData(PALETTE_FIELD);
  if (field) return { kind: 'palette', field };
  const placed = /^(\d+):(\d+)$/.exec(data?.getData(PLACED_FIELD) ?? '');
  if (placed) return { kind: 'placed', at: { section: Number(placed[1]), index: Number(placed[2]) } };
  return undefined;
}
