import type { ActionContribution, RecordData } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { ENTITY, ROLE, SYSTEM } from '../entities.ts';
import { crmError } from '../errors.ts';
import { crmSettings, DEFAULT_SLA_HOURS } from '../settings.ts';

interface OpenCaseInput {
  channel: string;
  category: string;
  subject: string;
  body?: string;
  kind?: 'inquiry' | 'consultation';
  resident?: string;
  callerPhone?: string;
  department: string;
  assignToMe?: boolean;
}

/**
 * Staff record a contact as a case: the SLA due time comes from the category's hours in the
 * settings, and a named resident becomes the
 * record's owner so that they see it in the portal. Written as the clerk, so their role's
 * policies decide whether they may.
 */
export function openCaseAction(clock: Clock): ActionContribution<OpenCaseInput, RecordData> {
  return {
    name: 'openCase',
    label: { ja: '相談・問い合わせを受け付ける', en: 'Open a case' },
    roles: [ROLE.staff, ROLE.manager],
    input: {
      type: 'object',
      required: ['channel', 'category', 'subject', 'department'],
      additionalProperties: false,
      properties: {
        channel: { enum: ['phone', 'counter', 'chat', 'email', 'webForm'] },
        category: { type: 'string', minLength: 1, maxLength: 40 },
        subject: { type: 'string', minLength: 1, maxLength: 200 },
        body: { type: 'string', maxLength: 8000 },
        kind: { enum: ['inquiry', 'consultation'] },
        resident: { type: 'string', minLength: 1, maxLength: 64 },
        callerPhone: { type: 'string', maxLength: 30 },
        department: { type: 'string', minLength: 1, maxLength: 60 },
        assignToMe: { type: 'boolean' },
      },
    },
    async handler(input, ctx) {
      const actor = ctx.actor;
      if (actor.kind !== 'principal')
        throw crmError('forbidden', 403, '職員だけが受け付けられます。', 'Only staff open cases.');
      const settings = await crmSettings(ctx);
      const hours = settings.slaHours?.[input.category] ?? settings.slaHours?.default ?? DEFAULT_SLA_HOURS;
      const dueAt = new Date(clock().getTime() + hours * 3_600_000).toISOString();
      return ctx.transaction(actor, async (data) => {
        const created = await data.create(ENTITY.case, {
          channel: input.channel,
          category: input.category,
          subject: input.subject,
          body: input.body ?? null,
          kind: input.kind ?? 'inquiry',
          resident: input.resident ?? null,
          callerPhone: input.callerPhone ?? null,
          department: input.department,
          assignee: input.assignToMe ? actor.id : null,
          dueAt,
        });
        if (!input.resident) return created;
        // Only the plugin may set an owner: the resident then reads their own case in the portal.
        return ctx.data(SYSTEM).update(ENTITY.case, String(created.id), { owner: input.resident });
      });
    },
  };
}
