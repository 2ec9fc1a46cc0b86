import type { Actor } from '@kiban/sdk';

/** The plugin acting as itself: every record write it makes is audited as `plugin:crm`. */
export const SYSTEM: Actor = { kind: 'system' };

export const ENTITY = {
  system: 'IntegrationSystem',
  consent: 'IntegrationConsent',
  profile: 'ResidentProfile',
  application: 'ExternalApplication',
  intake: 'IntakeMessage',
  case: 'Case',
  caseNote: 'CaseNote',
} as const;

/** The CRM's own bookkeeping: its writes are never sent out as events (a delivery would beget a delivery). */
export const BOOKKEEPING_ENTITIES: ReadonlySet<string> = new Set([ENTITY.system, ENTITY.consent, ENTITY.intake]);

export const ROLE = {
  integrationAdmin: 'crm-integration-admin',
  staff: 'crm-staff',
  manager: 'crm-manager',
  resident: 'crm-resident',
} as const;
