import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContactCenterPlugin } from '../src/index.ts';
import { ROLE } from '../src/roles.ts';
import {
  act,
  clientId,
  databaseKinds,
  idOf,
  operatorFor,
  resident,
  SLOW_TEST_MS,
  staff,
  startContactCenter,
} from './support.ts';

/** The panel the contact centre contributes under resident profiles (the CRM's resident 360), and the route it reads. */
describe.each(databaseKinds())(
  "the contact centre's panel under resident profiles on %s",
  { timeout: SLOW_TEST_MS },
  (kind) => {
    let host: TestHost;
    let supervisor: TestHostClient;
    let tanaka: TestHostClient;
    let hanako: TestHostClient;
    let conversationId: string;

    const path = (client: TestHostClient) =>
      `/api/plugins/contact-center/residents/${idOf(client.actor)}/conversations`;
    const reads = async (client: TestHostClient) => {
      const trail = await host.request('GET', `/api/audit?recordId=${idOf(client.actor)}&limit=100`, { as: 'admin' });
      return (trail.body.items as Array<{ action: string; principalId: string }>).filter(
        (entry) => entry.action === 'contact-center.residentConversations.read',
      );
    };

    beforeAll(async () => {
      ({ host } = await startContactCenter(kind));
      supervisor = await staff(host, [ROLE.supervisor]);
      tanaka = await operatorFor(host, supervisor, { code: 'general', skill: 'general' }, { name: '田中' });
      await act(tanaka, 'setPresence', { presence: 'available' });
      hanako = await resident(host);
      const started = await act(hanako, 'start', {});
      expect(started.body).toMatchObject({ status: 'assigned' });
      conversationId = started.body.id;
      await act(hanako, 'send', { conversationId, clientId: clientId(), body: '粗大ごみの出し方を教えてください' });
      await act(tanaka, 'send', { conversationId, clientId: clientId(), body: 'お電話かウェブで申し込めます' });
      const taro = await resident(host);
      await act(taro, 'start', {});
    }, SLOW_TEST_MS);
    afterAll(async () => host?.close());

    it('contributes a record panel on ResidentProfile drawn by an element its module defines', async () => {
      expect(createContactCenterPlugin().ui?.recordPanels).toEqual([
        expect.objectContaining({ tag: 'contact-center-resident-panel', entities: ['ResidentProfile'] }),
      ]);
      const module = await host.request('GET', '/ui/plugins/contact-center/index.js', { as: supervisor });
      expect(String(module.body)).toContain("customElements.define('contact-center-resident-panel'");
    });

    it("gives staff the resident's chats only, with who answered and the transcript, and audits the read", async () => {
      for (const reader of [supervisor, tanaka]) {
        const answer = await reader.request('GET', path(hanako));
        expect(answer.status).toBe(200);
        expect(answer.body.items).toHaveLength(1);
        expect(answer.body.items[0].conversation).toMatchObject({
          id: conversationId,
          answeredBy: { tier: 'operator', name: '田中' },
        });
        expect(answer.body.items[0].transcript).toEqual([
          expect.objectContaining({ author: { kind: 'system', name: null } }),
          expect.objectContaining({
            author: expect.objectContaining({ kind: 'resident' }),
            body: '粗大ごみの出し方を教えてください',
          }),
          expect.objectContaining({ author: { kind: 'operator', name: '田中' }, body: 'お電話かウェブで申し込めます' }),
        ]);
      }
      expect((await reads(hanako)).map((entry) => entry.principalId).sort()).toEqual(
        [idOf(supervisor.actor), idOf(tanaka.actor)].sort(),
      );
    });

    it('shows an operator of another queue none of them, and refuses staff without a contact-centre role', async () => {
      const outsider = await operatorFor(host, supervisor, { code: 'tax', skill: 'tax' });
      const none = await outsider.request('GET', path(hanako));
      expect(none.status).toBe(200);
      expect(none.body.items).toEqual([]);
      const desk = await staff(host, []);
      const refused = await desk.request('GET', path(hanako));
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('contact-center.staffOnly');
      expect((await hanako.request('GET', path(hanako))).status).toBe(403);
      const bad = await supervisor.request('GET', '/api/plugins/contact-center/residents/not-an-id/conversations');
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('contact-center.badResident');
      expect(await reads(hanako)).toHaveLength(3);
    });
  },
);
