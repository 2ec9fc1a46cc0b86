import { fileURLToPath } from 'node:url';
import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import notifications from '../../notifications/src/index.ts';
import identity from '../src/index.ts';
import type { DatabaseKind } from './support.ts';

/** The record API's header for acting for another principal. */
export const ON_BEHALF_OF = 'kiban-on-behalf-of';
export const APPLICATIONS = '/api/data/ChildcareApplication';
export const INBOX = '/api/plugins/notifications/inbox';

/**
 * Identity beside the notifications plugin (whose inbox shows family members' notices) and an
 * app with an application residents submit (`ChildcareApplication`, role `applicant`).
 */
export function startFamilyHost(kind: DatabaseKind): Promise<TestHost> {
  return createTestHost({
    plugins: [identity, notifications],
    packages: [fileURLToPath(new URL('./app', import.meta.url))],
    kind,
  });
}

export const act = (client: TestHostClient, name: string, body: unknown) =>
  client.request('POST', `/api/actions/identity.${name}`, { body });

export const idOf = (client: TestHostClient) => (client.actor as { id: string }).id;

/** Invites `invitee` with `scopes` (and profile fields), and the invitee accepts. */
export async function link(
  inviter: TestHostClient,
  invitee: TestHostClient,
  scopes: string[],
  profileFields?: string[],
): Promise<string> {
  const sent = await act(inviter, 'familyInvite', {
    username: invitee.username,
    scopes,
    ...(profileFields ? { profileFields } : {}),
  });
  if (sent.status !== 200) throw new Error(`invitation refused: ${JSON.stringify(sent.body)}`);
  const answered = await act(invitee, 'familyAnswer', { invitationId: sent.body.id, accept: true });
  if (answered.status !== 200) throw new Error(`answer refused: ${JSON.stringify(answered.body)}`);
  const links = (await inviter.request('GET', '/api/plugins/identity/family/links')).body.items as {
    id: string;
    other: { id: string };
  }[];
  return (links.find((item) => item.other.id === idOf(invitee)) as { id: string }).id;
}

/** A notice in `recipient`'s inbox, as a workflow's notify message lands there. */
export async function notice(host: TestHost, recipient: string, text: string): Promise<void> {
  await host
    .context('notifications')
    .sql.query(`insert into inbox (recipient, category, message) values ($1, 'workflow', $2::jsonb)`, [
      recipient,
      JSON.stringify({ ja: text, en: text }),
    ]);
}

/** What an observer sees, with ids and times replaced by their order of appearance. */
export function normalise(value: unknown): unknown {
  const seen = new Map<string, string>();
  return JSON.parse(
    JSON.stringify(value).replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}T[\d:.]+Z/g,
      (match) => {
        if (!seen.has(match)) seen.set(match, `#${seen.size}`);
        return seen.get(match) as string;
      },
    ),
  );
}
