import { createTestHost, type TestHost } from '@kiban/sdk/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import identity from '../src/index.ts';
import { hasValidCheckDigit, myNumberPseudonym } from '../src/pseudonym/my-number.ts';

const KEY = 'a-pseudonym-key-kept-outside-the-database';

/** Appends the check digit to eleven digits. */
function withCheckDigit(eleven: string): string {
  for (let digit = 0; digit <= 9; digit += 1) {
    if (hasValidCheckDigit(`${eleven}${digit}`)) return `${eleven}${digit}`;
  }
  throw new Error('no check digit');
}

describe('the My Number pseudonym', () => {
  it('accepts exactly one check digit for every eleven digits, and is stable per key and number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{11}$/), (eleven) => {
        const number = withCheckDigit(eleven);
        const valid = [...'0123456789'].filter((digit) => hasValidCheckDigit(`${eleven}${digit}`));
        expect(valid).toHaveLength(1);
        const pseudonym = myNumberPseudonym(KEY, number);
        expect(myNumberPseudonym(KEY, number)).toBe(pseudonym);
        expect(myNumberPseudonym(`${KEY}-other`, number)).not.toBe(pseudonym);
        expect(pseudonym).not.toContain(number);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a wrong check digit and a missing or short key', () => {
    const number = withCheckDigit('12345678901');
    const wrong = `${number.slice(0, 11)}${(Number(number[11]) + 1) % 10}`;
    expect(() => myNumberPseudonym(KEY, wrong)).toThrow(expect.objectContaining({ code: 'identity.invalidMyNumber' }));
    expect(() => myNumberPseudonym(undefined, number)).toThrow(
      expect.objectContaining({ code: 'identity.pseudonymKeyMissing' }),
    );
  });
});

describe('the pseudonym action', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await createTestHost({ plugins: [identity], config: { identity: { pseudonymKey: KEY } } });
    await host.signInAs('staff', 'number-clerk', ['identity-pseudonym']);
    await host.signInAs('resident', 'curious', []);
  });
  afterAll(() => host?.close());

  it('answers the pseudonym to its role only, and neither the answer, the logs nor the audit trail hold the number', async () => {
    const number = withCheckDigit('98765432109');
    const answer = await host.request('POST', '/api/actions/identity.myNumberPseudonym', {
      as: 'number-clerk',
      body: { myNumber: `${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ pseudonym: myNumberPseudonym(KEY, number) });
    const refused = await host.request('POST', '/api/actions/identity.myNumberPseudonym', {
      as: 'curious',
      body: { myNumber: number },
    });
    expect(refused.status).toBe(403);
    const bad = await host.request('POST', '/api/actions/identity.myNumberPseudonym', {
      as: 'number-clerk',
      body: { myNumber: `${number.slice(0, 11)}${(Number(number[11]) + 1) % 10}` },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toContain(number.slice(0, 11));
    const audit = await host.request('GET', '/api/audit?limit=200', { as: 'admin' });
    expect(JSON.stringify(audit.body)).not.toContain(number);
    expect(JSON.stringify(host.logs)).not.toContain(number);
  });
});
