import type { ActionContribution } from '@kiban/sdk';
import { STAFF_ROLE } from '../roles.ts';
import { CHANNELS, type Channel, renderShowingGaps, type TemplateContent } from './template.ts';

interface PreviewInput {
  templateId: string;
  entity: string;
  recordId: string;
  values?: Record<string, unknown>;
}

/**
 * A template rendered against one real record, for every channel and language it has: what the
 * owner of that record would read, with the placeholders that found no value left visible and
 * listed. The record is read as the staff member (their row and field policies; a read of
 * personal fields is audited by the engine), and the preview itself is audited.
 */
export const previewTemplate: ActionContribution<PreviewInput> = {
  name: 'previewTemplate',
  label: { ja: 'テンプレートを実データで確認', en: 'Preview a template against a record' },
  input: {
    type: 'object',
    required: ['templateId', 'entity', 'recordId'],
    additionalProperties: false,
    properties: {
      templateId: { type: 'string', format: 'uuid' },
      entity: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]{0,99}$' },
      recordId: { type: 'string', format: 'uuid' },
      values: { type: 'object' },
    },
  },
  roles: [STAFF_ROLE],
  async handler(input, ctx) {
    const data = ctx.data(ctx.actor);
    const template = await data.get('NotificationTemplate', input.templateId);
    const record = await data.get(input.entity, input.recordId);
    const values = { ...(input.values ?? {}), ...record };
    const content = (template.content as TemplateContent | null) ?? {};
    const previews = [];
    for (const channel of CHANNELS) {
      for (const [language, text] of Object.entries(content[channel as Channel] ?? {})) {
        const subject = typeof text.subject === 'string' ? renderShowingGaps(text.subject, values, language) : null;
        const body = renderShowingGaps(String(text.body ?? ''), values, language);
        previews.push({
          channel,
          language,
          subject: subject?.text ?? null,
          body: body.text,
          missing: [...new Set([...(subject?.missing ?? []), ...body.missing])],
        });
      }
    }
    await ctx.audit({
      actor: ctx.actor,
      action: 'notifications.templatePreviewed',
      entity: input.entity,
      recordId: input.recordId,
      details: { templateId: input.templateId },
    });
    return { templateId: input.templateId, entity: input.entity, recordId: input.recordId, previews };
  },
};
