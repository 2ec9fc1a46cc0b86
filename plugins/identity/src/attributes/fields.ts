/**
 * The attributes a resident may pull from the city's sources into their profile (#6): the basic
 * four (name, address, birth date, gender), the household and the tax status. Each has the JSON
 * Schema its value must fit: whatever a source answers is checked against it before anything is
 * stored, so a source answering garbage changes nothing.
 */
export const PULLABLE_FIELDS = {
  name: {
    schema: {
      type: 'object',
      required: ['name', 'kana'],
      additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, kana: { type: 'string', maxLength: 100 } },
    },
  },
  address: {
    schema: {
      type: 'object',
      required: ['formatted'],
      additionalProperties: false,
      properties: {
        formatted: { type: 'string', minLength: 1, maxLength: 300 },
        postalCode: { type: 'string', pattern: '^[0-9]{3}-?[0-9]{4}$' },
      },
    },
  },
  birthdate: { schema: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' } },
  gender: { schema: { enum: ['male', 'female'] } },
  household: {
    schema: {
      type: 'object',
      required: ['relationship', 'members'],
      additionalProperties: false,
      properties: {
        /** The resident's own 続柄 (relationship to the head of household). */
        relationship: { type: 'string', minLength: 1, maxLength: 30 },
        members: {
          type: 'array',
          maxItems: 30,
          items: {
            type: 'object',
            required: ['name', 'relationship'],
            additionalProperties: false,
            properties: {
              name: { type: 'string', minLength: 1, maxLength: 100 },
              relationship: { type: 'string', minLength: 1, maxLength: 30 },
            },
          },
        },
      },
    },
  },
  taxStatus: {
    schema: {
      type: 'object',
      required: ['fiscalYear', 'status'],
      additionalProperties: false,
      properties: {
        fiscalYear: { type: 'integer', minimum: 2000, maximum: 2100 },
        status: { enum: ['taxable', 'non-taxable', 'exempt'] },
      },
    },
  },
} as const;

export type PullableField = keyof typeof PULLABLE_FIELDS;

export const PULLABLE_FIELD_NAMES = Object.keys(PULLABLE_FIELDS) as PullableField[];

export function isPullableField(name: string): name is PullableField {
  return Object.hasOwn(PULLABLE_FIELDS, name);
}
