/** Detail of `item-change`: the edited item, always a new object. */
export interface ItemChangeDetail<T> {
  item: T;
}

/** Tells the shell that the item changed; bubbles and crosses shadow roots so the shell can listen high up. */
export function emitItemChange<T>(target: EventTarget, item: T): void {
  target.dispatchEvent(
    new CustomEvent<ItemChangeDetail<T>>('item-change', { detail: { item }, bubbles: true, composed: true }),
  );
}
