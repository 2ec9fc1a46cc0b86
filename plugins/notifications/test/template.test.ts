import { describe, expect, it } from 'vitest';
import {
  placeholdersOf,
  placeholdersOfContent,
  render,
  TemplateValueError,
  textFor,
} from '../src/campaigns/template.ts';

describe('template personalisation fields', () => {
  it('fills fields and formats a date in the Japanese era calendar', () => {
    const text = '{{name}} 様 {{ deadline | wareki }}までに申請してください（{{amount|yen}}）';
    expect(render(text, { name: '山田 花子', deadline: '2027-01-31', amount: 15000 }, 'ja')).toBe(
      '山田 花子 様 令和9年1月31日までに申請してください（15,000円）',
    );
  });

  it('reads a field through a reference path and formats dates per language', () => {
    expect(render('{{household.ward}} {{day|date}}', { household: { ward: '北区' }, day: '2026-12-06' }, 'en')).toBe(
      '北区 December 6, 2026',
    );
  });

  it('refuses to render a missing value instead of sending the placeholder', () => {
    expect(() => render('{{name}} 様', { name: '' }, 'ja')).toThrow(TemplateValueError);
    expect(() => render('{{deadline|wareki}}', { deadline: 'someday' }, 'ja')).toThrow(/not a date/);
    expect(() => render('{{x|shout}}', { x: 1 }, 'ja')).toThrow(/unknown filter/);
  });

  it('lists every placeholder of every channel and language with where it is', () => {
    expect(placeholdersOf('{{a}} and {{ b|wareki }} but not {{ 1x }}')).toEqual([
      { field: 'a', filter: undefined },
      { field: 'b', filter: 'wareki' },
    ]);
    const found = placeholdersOfContent({
      inbox: { ja: { subject: '{{title}}', body: '{{name}}' } },
      email: { en: { body: '{{deadline|date}}' } },
    });
    expect(found.map((p) => `${p.pointer}:${p.field}`)).toEqual([
      '/content/inbox/ja/subject:title',
      '/content/inbox/ja/body:name',
      '/content/email/en/body:deadline',
    ]);
  });

  it('falls back to Japanese when a language has no text', () => {
    const content = { inbox: { ja: { body: 'ja' }, en: { body: 'en' } } };
    expect(textFor(content, 'inbox', 'en')?.body).toBe('en');
    expect(textFor(content, 'inbox', 'vi')?.body).toBe('ja');
    expect(textFor(content, 'email', 'ja')).toBeUndefined();
  });
});
