import type { EntityMetadata, FieldDefinition, RecordData } from '../../metadata/index.ts';
import type { LookupFunction, LookupState } from './field-view.ts';

/**
 * The choices of a form's reference fields, asked of the loader's `lookup` once each: the
 * entity's own fields when the lookup or the entity changes, a line-item child's fields the
 * first time its table is drawn. Each answer updates the form; an answer for a lookup that
 * has since been replaced is stale and dropped. The records the choices bring along serve
 * computed values through references (`item.fee`).
 */
export class FormLookups {
  /** Redraws the form when an answer comes. */
  private readonly requestUpdate: () => void;
  private lookup: LookupFunction | undefined;
  /** The entity's own reference fields, by field name. */
  private own: Record<string, LookupState> = {};
  /** A line-item child's reference fields, by `<Child>.<field>`. */
  private children: Record<string, LookupState> = {};

  constructor(requestUpdate: () => void) {
    this.requestUpdate = requestUpdate;
  }

  /** Asks for the choices of every reference field of `entity`; each select fills in when its answer comes. */
  load(lookup: LookupFunction | undefined, entity: EntityMetadata | undefined): void {
    this.lookup = lookup;
    this.children = {};
    const references = entity?.fields.filter((field) => field.type === 'reference') ?? [];
    this.own = lookup ? Object.fromEntries(references.map((field) => [field.name, 'loading' as const])) : {};
    for (const field of lookup ? references : []) this.ask(field, (state) => (this.own[field.name] = state));
  }

  /** The choices of the entity's own reference field. */
  of(field: string): LookupState | undefined {
    return this.own[field];
  }

  /** The choices of a child's reference fields, asked for on first use: the parent's lookup asks by the field's target. */
  forChild(child: EntityMetadata): Record<string, LookupState> {
    const lookups: Record<string, LookupState> = {};
    for (const field of child.fields) {
      if (field.type !== 'reference') continue;
      const key = `${child.name}.${field.name}`;
      if (!(key in this.children) && this.lookup) {
        this.children[key] = 'loading';
        this.ask(field, (state) => (this.children[key] = state));
      }
      const state = this.children[key];
      if (state) lookups[field.name] = state;
    }
    return lookups;
  }

  /** The record a reference of `entity` (the form's or a child's) points to, when its choices brought it. */
  record(entity: EntityMetadata, field: FieldDefinition, id: string, own: boolean): RecordData | undefined {
    const state = own ? this.own[field.name] : this.children[`${entity.name}.${field.name}`];
    return Array.isArray(state) ? state.find((option) => option.value === id)?.record : undefined;
  }

  private ask(field: FieldDefinition, store: (state: LookupState) => void): void {
    const lookup = this.lookup as LookupFunction;
    const settle = (state: LookupState) => {
      if (this.lookup !== lookup) return;
      store(state);
      this.requestUpdate();
    };
    lookup(field).then(settle, () => settle('failed'));
  }
}
