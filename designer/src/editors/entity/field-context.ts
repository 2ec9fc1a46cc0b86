import type { EntityMetadata, FieldDefinition } from '@kiban/runtime-ui';
import type { EditorError, EditorLanguage } from '../errors.ts';

/** What the templates of one field's card need: the field, where it is, and how to report edits. */
export interface FieldContext {
  field: FieldDefinition;
  index: number;
  count: number;
  /** JSON pointer of the field in the entity, `/fields/<index>`. */
  pointer: string;
  /** Id prefix of the card's controls, unique in the editor. */
  id: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  entityName: string;
  /** The entity as edited: the facts of its formulas and checks. */
  entity: EntityMetadata;
  entities: readonly EntityMetadata[];
  /** The published name this field had before it was renamed here, when renaming it is destructive. */
  renamedFrom: string | undefined;
  onField: (field: FieldDefinition) => void;
  onRename: (name: string) => void;
  onMove: (to: number) => void;
  onDelete: () => void;
}
