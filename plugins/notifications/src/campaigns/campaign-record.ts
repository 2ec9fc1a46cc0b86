import { type Actor, type DataApi, PluginError, type PluginErrorDetail, type SegmentRule } from '@kiban/sdk';
import { ruleOf } from './segment-rule.ts';
import { CHANNELS, type Channel, FILTER_NAMES, placeholdersOfContent, type TemplateContent } from './template.ts';

export const SYSTEM: Actor = { kind: 'system' };

/** A campaign with its template, as the fan-out and the delivery jobs use it. */
export interface Campaign {
  id: string;
  title: string;
  entity: string;
  segment: SegmentRule;
  values: Record<string, unknown>;
  channels: Channel[];
  trigger: 'manual' | 'enters-segment';
  scheduledAt: string | null;
  status: string;
  category: string;
  content: TemplateContent;
}

export async function loadCampaign(data: DataApi, id: string): Promise<Campaign> {
  const record = await data.get('NotificationCampaign', id);
  const template = await data.get('NotificationTemplate', String(record.template));
  return {
    id: String(record.id),
    title: String(record.title),
    entity: String(record.entity),
    segment: ruleOf(String(record.entity), record.segment),
    values: (record.values as Record<string, unknown> | null) ?? {},
    channels: ((record.channels as Channel[] | null) ?? []).filter((channel) => channel !== 'inbox'),
    trigger: record.trigger as Campaign['trigger'],
    scheduledAt: (record.scheduledAt as string | null) ?? null,
    status: String(record.status),
    category: String(template.category),
    content: template.content as TemplateContent,
  };
}

const problem = (pointer: string, code: string, ja: string, en: string): PluginErrorDetail => ({
  pointer,
  code,
  message: { ja, en },
});

/**
 * What must hold before a campaign may send: a Japanese inbox text and one per chosen channel,
 * known filters, and every placeholder answered by a shared value or a field of the target
 * entity. Found now, at publish time, rather than as unsendable messages later.
 */
export async function checkPublishable(data: DataApi, campaign: Campaign): Promise<void> {
  const details: PluginErrorDetail[] = [];
  for (const channel of ['inbox', ...campaign.channels] as Channel[]) {
    if (!CHANNELS.includes(channel)) {
      details.push(
        problem('/channels', 'notifications.unknownChannel', `不明なチャネル ${channel}`, `Unknown channel ${channel}`),
      );
    } else if (!campaign.content?.[channel]?.ja?.body) {
      details.push(
        problem(
          `/content/${channel}/ja/body`,
          'notifications.missingText',
          `${channel} の日本語の本文がありません`,
          `No Japanese body for ${channel}`,
        ),
      );
    }
  }
  const checked = new Set<string>();
  for (const placeholder of placeholdersOfContent(campaign.content ?? {})) {
    if (placeholder.filter && !FILTER_NAMES.includes(placeholder.filter)) {
      details.push(
        problem(
          placeholder.pointer,
          'notifications.unknownFilter',
          `不明な書式 ${placeholder.filter}`,
          `Unknown filter ${placeholder.filter}`,
        ),
      );
    }
    const field = placeholder.field.split('.')[0] ?? placeholder.field;
    if (field in campaign.values || checked.has(field)) continue;
    checked.add(field);
    if (!(await isFieldOf(data, campaign.entity, field))) {
      details.push(
        problem(
          placeholder.pointer,
          'notifications.missingField',
          `差し込み項目 {{${placeholder.field}}} は ${campaign.entity} の項目にも共通の値にもありません`,
          `{{${placeholder.field}}} is neither a field of ${campaign.entity} nor a shared value`,
        ),
      );
    }
  }
  if (details.length > 0) {
    throw new PluginError(
      'notifications.templateInvalid',
      422,
      { ja: 'テンプレートを公開できません。', en: 'The template cannot be published.' },
      details,
    );
  }
}

/** The data API refuses a filter on a name that is no field: that is the question asked. */
async function isFieldOf(data: DataApi, entity: string, field: string): Promise<boolean> {
  try {
    await data.count(entity, { [field]: { isNull: true } });
    return true;
  } catch {
    return false;
  }
}
