/** What the side panel edits: a state or a transition, by its place in the workflow's lists. */
export type Selection = { kind: 'state'; index: number } | { kind: 'transition'; index: number };

export function isSelected(selection: Selection | undefined, kind: Selection['kind'], index: number): boolean {
  return selection?.kind === kind && selection.index === index;
}

/** Enter and Space choose a focused diagram node, as they press a button. */
export function choosesOnKey(event: KeyboardEvent): boolean {
  return event.key === 'Enter' || event.key === ' ';
}
