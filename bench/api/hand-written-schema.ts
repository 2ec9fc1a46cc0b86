import { EntitySchema } from '@mikro-orm/postgresql';

/** A Branch row as the hand-written routes load and return it. */
export interface BranchRow {
  id: string;
  version: number;
  owner: string | null;
  createdAt: Date;
  updatedAt: Date;
  name: string;
  code: string;
  ward: string | null;
  openedOn: string | null;
  seats: number | null;
}

/**
 * The `app_branch` table mapped by hand, the way a developer writes a MikroORM entity for a
 * table they know: no metadata, no generated properties. The table itself is the one the
 * engine created when it published the library-card app.
 */
export const BranchSchema = new EntitySchema<BranchRow>({
  name: 'HandWrittenBranch',
  tableName: 'app_branch',
  properties: {
    id: { type: 'uuid', primary: true },
    version: { type: 'integer', version: true },
    owner: { type: 'uuid', fieldName: 'owner_id', nullable: true },
    createdAt: { type: 'datetime', fieldName: 'created_at', onCreate: () => new Date() },
    updatedAt: { type: 'datetime', fieldName: 'updated_at', onCreate: () => new Date(), onUpdate: () => new Date() },
    name: { type: 'string', length: 100 },
    code: { type: 'string', length: 3 },
    ward: { type: 'string', length: 20, nullable: true },
    openedOn: { type: 'date', fieldName: 'opened_on', nullable: true },
    seats: { type: 'integer', nullable: true },
  },
});
