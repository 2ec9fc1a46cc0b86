import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ajv = new Ajv2020({ allErrors: true });
addFormats.default(ajv);

export interface NoticeIntake {
  recipient: string;
  category: string;
  title: string;
  body: string;
  issuer: string;
}

export const validNotice = ajv.compile<NoticeIntake>({
  type: 'object',
  required: ['recipient', 'category', 'title', 'body', 'issuer'],
  additionalProperties: false,
  properties: {
    recipient: { type: 'string', format: 'uuid' },
    category: { type: 'string', minLength: 1, maxLength: 50 },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    body: { type: 'string', minLength: 1, maxLength: 20_000 },
    issuer: { type: 'string', minLength: 1, maxLength: 100 },
  },
});

export interface CatalogueIntake {
  kind: 'benefit' | 'event';
  externalId: string;
  fields: Record<string, unknown>;
}

const text = (maxLength: number) => ({ type: 'string', maxLength });
const coordinate = { type: 'number' };

/** What a CMS sends for one benefit or event: its own id, and the entity's fields it owns. */
export const validCatalogueItem = ajv.compile<CatalogueIntake>({
  type: 'object',
  required: ['kind', 'externalId', 'fields'],
  additionalProperties: false,
  properties: {
    kind: { enum: ['benefit', 'event'] },
    externalId: { type: 'string', minLength: 1, maxLength: 100 },
    fields: {
      type: 'object',
      required: ['title'],
      additionalProperties: false,
      properties: {
        title: { type: 'string', minLength: 1, maxLength: 200 },
        summary: text(1000),
        body: text(20_000),
        translations: { type: 'object' },
        category: text(50),
        eligibilityEntity: text(100),
        eligibility: { type: 'object' },
        periodStart: { type: 'string', format: 'date' },
        periodEnd: { type: 'string', format: 'date' },
        startsAt: { type: 'string', format: 'date-time' },
        endsAt: { type: 'string', format: 'date-time' },
        place: text(200),
        latitude: coordinate,
        longitude: coordinate,
        url: { type: 'string', format: 'uri', maxLength: 500 },
      },
    },
  },
});
