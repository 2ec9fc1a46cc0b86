import { fileURLToPath } from 'node:url';
import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import payments from '../src/index.ts';
import { type SandboxProvider, startSandboxProvider } from '../src/provider/index.ts';

/**
 * An application whose workflow refuses to submit it before its fee is paid, through HTTP:
 * the record, the payment through the sandbox provider and its webhook, and the transition.
 */
const APP = fileURLToPath(new URL('./fee-app', import.meta.url));
const SECRETS = { secretKey: 'sk_test_fee', webhookSecret: 'whsec_test_fee', qrSigningKey: 'q'.repeat(40) };
const kinds: Array<'pglite' | 'postgres'> = process.env.KIBAN_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

describe.each(kinds)('an application that must be paid before it is submitted, on %s', (kind) => {
  let host: TestHost;
  let sandbox: SandboxProvider;
  let taro: TestHostClient;
  let hanako: TestHostClient;

  beforeAll(async () => {
    host = await createTestHost({ plugins: [payments], packages: [APP], kind });
    sandbox = await startSandboxProvider({
      secretKey: SECRETS.secretKey,
      webhookSecret: SECRETS.webhookSecret,
      webhook: async (body, headers) =>
        (await host.request('POST', '/api/public/payments/webhook', { body: JSON.parse(body), headers })).status,
    });
    expect((await host.setSettings('payments', { ...SECRETS, providerBaseUrl: sandbox.url })).status).toBe(200);
    taro = await host.signInAs('resident', 'taro', ['payments-resident', 'fee-applicant']);
    hanako = await host.signInAs('resident', 'hanako', ['payments-resident', 'fee-applicant']);
  }, 180_000);
  afterAll(async () => {
    await sandbox?.close();
    await host?.close();
  });

  const apply = async (as: TestHostClient, fields: Record<string, unknown>) => {
    const created = await as.request('POST', '/api/data/FeeApplication', { body: fields });
    expect(created.status).toBe(201);
    return String(created.body.id);
  };
  const submit = (as: TestHostClient, id: string) =>
    as.request('POST', `/api/workflows/FeeApplication/${id}/transitions/submit`, { body: {} });
  const statusOf = async (as: TestHostClient, id: string) =>
    (await as.request('GET', `/api/data/FeeApplication/${id}`)).body.status;
  const pay = async (as: TestHostClient, key: string, recordId: string) => {
    const checkout = await as.request('POST', '/api/actions/payments.payFee', {
      body: { idempotencyKey: key, entity: 'FeeApplication', recordId },
    });
    expect(checkout.status).toBe(200);
    return checkout.body as { orderId: string; redirectUrl: string };
  };

  it('refuses to submit before the fee is paid, with the reason, and changes nothing', async () => {
    const id = await apply(taro, { item: 'ソファ', feeYen: 800 });
    expect(await statusOf(taro, id)).toBe('draft');
    const refused = await submit(taro, id);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('workflow.actionFailed');
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ pointer: '/feeYen', code: 'payments.paymentRequired' }),
    ]);
    expect(await statusOf(taro, id)).toBe('draft');
    // A checkout begun but not paid does not count either.
    await pay(taro, 'fee-unpaid-0001', id);
    expect((await submit(taro, id)).status).toBe(422);
    expect(await statusOf(taro, id)).toBe('draft');
  });

  it('submits once the provider has confirmed the payment', async () => {
    const id = await apply(taro, { item: '冷蔵庫', feeYen: 1_200 });
    const checkout = await pay(taro, 'fee-paid-0001', id);
    await sandbox.pay(checkout.redirectUrl.split('/').pop() ?? '');
    expect(sandbox.webhooks.at(-1)?.status).toBe(200);
    const submitted = await submit(taro, id);
    expect(submitted.status).toBe(200);
    expect(await statusOf(taro, id)).toBe('submitted');
  });

  it("does not accept another record's payment, nor a payment refunded since", async () => {
    const paidFor = await apply(hanako, { item: '机', feeYen: 500 });
    const other = await apply(hanako, { item: '椅子', feeYen: 500 });
    const checkout = await pay(hanako, 'fee-hanako-0001', paidFor);
    await sandbox.pay(checkout.redirectUrl.split('/').pop() ?? '');
    expect((await submit(hanako, other)).status).toBe(422);
    const payment = [...sandbox.payments.values()].find((p) => p.external_order_num === checkout.orderId);
    const staff = await host.signInAs('staff', 'fee-staff', ['payments-staff']);
    const refunded = await staff.request('POST', '/api/actions/payments.refund', {
      body: { orderId: checkout.orderId, amountYen: 500, reason: '申請取り下げのため' },
    });
    expect(refunded.status).toBe(200);
    expect(payment?.status).toBe('refunded');
    expect((await submit(hanako, paidFor)).status).toBe(422);
    expect(await statusOf(hanako, paidFor)).toBe('draft');
  });

  it('lets an application without a fee through', async () => {
    const id = await apply(taro, { item: '案内の請求' });
    expect((await submit(taro, id)).status).toBe(200);
  });
});
