import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyProviderEvent, refundOrder, startCheckout } from '../src/orders/index.ts';
import { komojuProvider, type SandboxProvider, startSandboxProvider } from '../src/provider/index.ts';
import { reconcileSettlement } from '../src/reconciliation/reconcile-settlement.ts';
import { parseSettlementReport, SETTLEMENT_COLUMNS } from '../src/reconciliation/settlement-report.ts';
import { MIGRATIONS } from '../src/storage/migrations.ts';
import { databaseKinds, openTestStore, type TestStore } from './direct-store.ts';

const SECRET_KEY = 'sk_test_sandbox';
const WEBHOOK_SECRET = 'whsec_sandbox_test';

describe.each(databaseKinds())('settlement report against the payment orders on %s', (kind) => {
  let store: TestStore;
  let sandbox: SandboxProvider;
  const provider = () =>
    komojuProvider({ baseUrl: sandbox.url, secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, timeoutMs: 10_000 });
  const window = () => ({
    from: new Date(Date.now() - 3_600_000),
    to: new Date(Date.now() + 60_000),
    runDate: '2026-12-01',
  });
  const report = async () => {
    const { from, to } = window();
    const query = new URLSearchParams({ start_time: from.toISOString(), end_time: to.toISOString() });
    const response = await fetch(`${sandbox.url}/reports/settlement.csv?${query}`, {
      headers: { authorization: `Basic ${Buffer.from(`${SECRET_KEY}:`).toString('base64')}` },
    });
    expect(response.status).toBe(200);
    return response.text();
  };
  const payFee = async (key: string, amountYen: number) => {
    const checkout = await startCheckout(store, provider(), {
      idempotencyKey: key,
      residentId: 'hanako',
      purpose: 'fee',
      amountYen,
      description: '粗大ごみ処理手数料',
      reference: {},
      returnUrl: 'http://127.0.0.1/portal/{order}',
      expiresInSeconds: 1800,
    });
    await sandbox.pay(checkout.redirectUrl.split('/').pop() ?? '');
    return checkout.orderId;
  };
  const paymentOf = async (orderId: string) =>
    String(
      (await store.sql.query<{ payment_id: string }>('select payment_id from payment_order where id = $1', [orderId]))
        .rows[0]?.payment_id,
    );

  beforeAll(async () => {
    store = await openTestStore(
      kind,
      MIGRATIONS.map((migration) => migration.sql),
    );
    sandbox = await startSandboxProvider({
      secretKey: SECRET_KEY,
      webhookSecret: WEBHOOK_SECRET,
      webhook: async (body, headers) => {
        const event = provider().verifyWebhook(body, headers['x-komoju-signature']);
        if (!event) return 401;
        await store.transaction((sql) => applyProviderEvent(sql, event));
        return 200;
      },
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    await store?.close();
  });

  it('finds nothing amiss when the report and the orders agree, refunds included', async () => {
    const orderId = await payFee('fee-clean', 1_200);
    await refundOrder(store, provider(), orderId, 200);
    const csv = await report();
    expect(csv.split('\r\n')[0]).toBe(SETTLEMENT_COLUMNS.join(','));
    expect(parseSettlementReport(csv).map((line) => line.type)).toEqual(['Capture', 'Refund']);
    const result = await reconcileSettlement(store, csv, window());
    expect(result).toMatchObject({ lines: 2, mismatches: [] });
  });

  it('lists a double charge, an amount that differs, a capture we never had and an order the report misses', async () => {
    const charged = await payFee('fee-double', 1_500);
    // A second hosted page for the same order, paid as well: the resident was charged twice.
    const again = await provider().createCheckout({
      orderId: charged,
      amountYen: 1_500,
      description: 'x',
      returnUrl: 'http://127.0.0.1/',
      idempotencyKey: 'second-page',
      expiresInSeconds: 600,
    });
    await sandbox.pay(again.sessionId);
    const differs = await payFee('fee-differs', 2_000);
    const differsPayment = await paymentOf(differs);
    const settled = sandbox.payments.get(differsPayment);
    if (settled) settled.amount = 1_980;
    const stray = await provider().createCheckout({
      orderId: 'not-an-order',
      amountYen: 700,
      description: 'x',
      returnUrl: 'http://127.0.0.1/',
      idempotencyKey: 'stray',
      expiresInSeconds: 600,
    });
    await sandbox.pay(stray.sessionId);
    const unsettled = await payFee('fee-unsettled', 900);
    const unsettledPayment = await paymentOf(unsettled);
    (sandbox.payments as Map<string, unknown>).delete(unsettledPayment);

    const csv = await report();
    const result = await reconcileSettlement(store, csv, window());
    const found = result.mismatches.map((m) => ({ kind: m.kind, orderId: m.orderId, paymentId: m.paymentId }));
    const strayPayment = sandbox.sessions.get(stray.sessionId)?.paymentId ?? '';
    expect(found).toEqual(
      expect.arrayContaining([
        { kind: 'duplicate', orderId: charged, paymentId: null },
        { kind: 'missingInLedger', orderId: charged, paymentId: sandbox.sessions.get(again.sessionId)?.paymentId },
        { kind: 'amountDiffers', orderId: differs, paymentId: differsPayment },
        { kind: 'missingInLedger', orderId: null, paymentId: strayPayment },
        { kind: 'missingInReport', orderId: unsettled, paymentId: unsettledPayment },
      ]),
    );
    expect(found).toHaveLength(5);
    const recorded = await store.sql.query('select kind from reconciliation_issue where run_date = $1', ['2026-12-01']);
    expect(recorded.rowCount).toBe(5);
    // The same report read again records nothing twice.
    await reconcileSettlement(store, csv, window());
    expect(
      (await store.sql.query('select kind from reconciliation_issue where run_date = $1', ['2026-12-01'])).rowCount,
    ).toBe(5);
  });

  it('lists a transaction the report carries twice', async () => {
    await payFee('fee-twice', 300);
    const [header, ...lines] = (await report()).trim().split('\r\n');
    const twice = `${[header, ...lines, lines.at(-1)].join('\r\n')}\r\n`;
    const result = await reconcileSettlement(store, twice, { ...window(), runDate: '2026-12-02' });
    expect(result.mismatches.filter((m) => m.kind === 'duplicate' && m.details.sameTransaction)).toHaveLength(1);
  });

  it('refuses a report it cannot read, naming the line, and records nothing', async () => {
    const before = (await store.sql.query('select id from reconciliation_issue')).rowCount;
    const broken = `${SETTLEMENT_COLUMNS.join(',')}\r\nCapture,x,pay_1,,,,,pay_1,,,12.5\r\n`;
    await expect(reconcileSettlement(store, broken, window())).rejects.toMatchObject({
      code: 'payments.badSettlementReport',
      status: 422,
    });
    await expect(reconcileSettlement(store, 'Type,Amount\r\nCapture,1\r\n', window())).rejects.toMatchObject({
      code: 'payments.badSettlementReport',
    });
    expect((await store.sql.query('select id from reconciliation_issue')).rowCount).toBe(before);
  });
});
