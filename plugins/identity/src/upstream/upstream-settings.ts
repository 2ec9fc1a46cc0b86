import { PluginError } from '@kiban/sdk';

/**
 * One upstream OpenID Provider residents or staff sign in with: デジタル認証アプリ or gBizID
 * (`assurance: "jpki"`), LINE or Google (`low`), Microsoft Entra ID for staff (`principalKind:
 * "staff"`, groups mapped to roles). One generic connector serves them all; each differs only here.
 */
export interface UpstreamSettings {
  /** kebab-case, in URLs and in the session's method, e.g. `digital-auth-app`. */
  id: string;
  label: { ja: string; en?: string };
  issuer: string;
  clientId: string;
  scopes: string[];
  assurance: 'low' | 'substantial' | 'jpki';
  principalKind: 'resident' | 'staff';
  /** The claim listing the person's groups (Entra ID: `groups`). */
  groupsClaim?: string;
  /** Group id → Kiban role; the staff member gets exactly the roles of their groups at each sign-in. */
  groupRoles?: Record<string, string>;
  /** Group id → department, the first matching group wins. */
  groupDepartments?: Record<string, string>;
}

export const upstreamSettingsSchema = {
  type: 'array',
  maxItems: 20,
  items: {
    type: 'object',
    required: ['id', 'label', 'issuer', 'clientId', 'scopes', 'assurance', 'principalKind'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$', maxLength: 40 },
      label: {
        type: 'object',
        required: ['ja'],
        additionalProperties: false,
        properties: { ja: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
      },
      issuer: { type: 'string', pattern: '^https?://', maxLength: 500 },
      clientId: { type: 'string', minLength: 1, maxLength: 500 },
      scopes: { type: 'array', items: { type: 'string', pattern: '^[\\x21-\\x7e]+$' }, contains: { const: 'openid' } },
      assurance: { enum: ['low', 'substantial', 'jpki'] },
      principalKind: { enum: ['resident', 'staff'] },
      groupsClaim: { type: 'string', minLength: 1 },
      groupRoles: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
      groupDepartments: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
    },
  },
};

export function findUpstream(upstreams: UpstreamSettings[] | undefined, id: string): UpstreamSettings {
  const upstream = upstreams?.find((each) => each.id === id);
  if (!upstream) {
    throw new PluginError('identity.unknownUpstream', 404, {
      ja: 'このサインイン方法は設定されていません。',
      en: 'This sign-in method is not configured.',
    });
  }
  return upstream;
}
