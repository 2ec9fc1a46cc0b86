import type { DataApi } from '@kiban/sdk';
import { type Campaign, loadCampaign } from '../campaigns/campaign-record.ts';
import { type Channel, render, textFor } from '../campaigns/template.ts';

/** An inbox entry due on a channel, with what is needed to write its text. */
const PAGE = 200;

export interface DueEntry {
  recipient: string;
  campaignId: string | null;
  noticeId: string | null;
  /** A workflow's message in several languages (`{ ja, en, … }`), for entries of no campaign. */
  message: Record<string, string> | null;
  language: string;
}

export interface ComposedText {
  subject?: string;
  body: string;
  official: boolean;
  category: string;
}

/** The subject of a workflow's message by email (the message itself is one text). */
const WORKFLOW_SUBJECT: Record<string, string> = {
  ja: '業務のお知らせ',
  en: 'Work notice',
  'zh-Hans': '业务通知',
  'zh-Hant': '業務通知',
  ko: '업무 알림',
  vi: 'Thông báo công việc',
  'ja-easy': 'しごとの おしらせ',
};

/**
 * Writes the texts of a batch: campaign templates personalised with the campaign's shared values
 * and the recipient's own record of the target entity (one list call per campaign), and official
 * notices exactly as issued, a workflow's message in the reader's language.
 */
export async function composer(
  data: DataApi,
  notices: (ids: string[]) => Promise<Map<string, { title: string; body: string; category: string }>>,
  entries: DueEntry[],
) {
  const campaigns = new Map<string, Campaign>();
  const records = new Map<string, Map<string, Record<string, unknown>>>();
  for (const id of new Set(entries.map((entry) => entry.campaignId).filter((id): id is string => id !== null))) {
    const campaign = await loadCampaign(data, id);
    campaigns.set(id, campaign);
    const owners = [...new Set(entries.filter((entry) => entry.campaignId === id).map((entry) => entry.recipient))];
    const byOwner = new Map<string, Record<string, unknown>>();
    for (let start = 0; start < owners.length; start += PAGE) {
      const page = owners.slice(start, start + PAGE);
      const rows = await data.list(campaign.entity, { filter: { owner: { in: page } }, limit: PAGE });
      for (const row of rows) byOwner.set(String(row.owner), row);
    }
    records.set(id, byOwner);
  }
  const noticeTexts = await notices(entries.map((entry) => entry.noticeId).filter((id): id is string => id !== null));

  return (entry: DueEntry, channel: Channel): ComposedText => {
    if (entry.noticeId) {
      const notice = noticeTexts.get(entry.noticeId);
      if (!notice) throw new Error(`notice ${entry.noticeId} is missing`);
      return { subject: notice.title, body: notice.body, official: true, category: notice.category };
    }
    if (entry.message) {
      const body = entry.message[entry.language] ?? entry.message.ja ?? Object.values(entry.message)[0] ?? '';
      return {
        subject: WORKFLOW_SUBJECT[entry.language] ?? WORKFLOW_SUBJECT.ja,
        body,
        official: false,
        category: 'workflow',
      };
    }
    const campaign = campaigns.get(String(entry.campaignId));
    if (!campaign) throw new Error(`campaign ${entry.campaignId} is missing`);
    const text = textFor(campaign.content, channel, entry.language);
    if (!text) throw new Error(`campaign ${campaign.id} has no ${channel} text`);
    const values = { ...campaign.values, ...(records.get(campaign.id)?.get(entry.recipient) ?? {}) };
    return {
      subject: text.subject === undefined ? undefined : render(text.subject, values, entry.language),
      body: render(text.body, values, entry.language),
      official: false,
      category: campaign.category,
    };
  };
}
