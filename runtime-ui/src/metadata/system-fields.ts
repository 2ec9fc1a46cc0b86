import type { MessageKey } from '../i18n/index.ts';

/** Columns every record has besides its entity's fields, with how to show them. */
export const SYSTEM_FIELDS: Record<string, { label: MessageKey; type: 'string' | 'integer' | 'datetime' }> = {
  id: { label: 'system.id', type: 'string' },
  version: { label: 'system.version', type: 'integer' },
  owner: { label: 'system.owner', type: 'string' },
  createdAt: { label: 'system.createdAt', type: 'datetime' },
  updatedAt: { label: 'system.updatedAt', type: 'datetime' },
};
