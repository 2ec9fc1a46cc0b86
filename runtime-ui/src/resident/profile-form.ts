import { LANGUAGE_NAMES, LANGUAGES, type MessageKey, messageText, sameText } from '../i18n/index.ts';
import type { EntityMetadata, FieldDefinition, FormMetadata, RecordData } from '../metadata/index.ts';
import type { Profile } from '../portal/portal-types.ts';

/**
 * The profile as metadata, so that it is edited with the same `<kiban-form>` residents use
 * for every application: the same labels, errors, keyboard behaviour and accessibility.
 * Each field prefills from the profile itself.
 */
const field = (name: keyof Profile, type: FieldDefinition['type'], label: MessageKey, extra = {}): FieldDefinition => ({
  name,
  type,
  label: messageText(label),
  ...extra,
});

export const profileEntity: EntityMetadata = {
  kind: 'entity',
  name: 'Profile',
  label: messageText('portal.profile'),
  fields: [
    field('displayName', 'string', 'profile.displayName', { maxLength: 100 }),
    field('displayNameKana', 'kana', 'profile.displayNameKana'),
    field('email', 'email', 'profile.email'),
    field('phone', 'phone', 'profile.phone'),
    field('postalCode', 'postalCode', 'profile.postalCode'),
    field('address', 'string', 'profile.address', { maxLength: 200 }),
    field('consentToReuse', 'boolean', 'profile.consentToReuse'),
    field('language', 'enum', 'preferences.language', {
      values: LANGUAGES.map((language) => ({ value: language, label: sameText(LANGUAGE_NAMES[language]) })),
    }),
    field('calendar', 'enum', 'preferences.calendar', {
      values: [
        { value: 'japanese', label: messageText('preferences.japanese') },
        { value: 'gregory', label: messageText('preferences.gregory') },
      ],
    }),
  ],
};

const placed = (name: keyof Profile, widget?: string) => ({
  field: name,
  ...(widget ? { widget } : {}),
  prefill: { source: 'profile' as const, path: name },
});

export const profileForm: FormMetadata = {
  kind: 'form',
  name: 'profile',
  label: messageText('portal.profile'),
  entity: 'Profile',
  sections: [
    {
      name: 'about',
      label: messageText('profile.section'),
      fields: [
        placed('displayName'),
        placed('displayNameKana'),
        placed('email'),
        placed('phone'),
        placed('postalCode'),
        placed('address'),
      ],
    },
    {
      name: 'preferences',
      label: messageText('profile.preferences'),
      fields: [placed('consentToReuse', 'checkbox'), placed('language'), placed('calendar', 'radio')],
    },
  ],
};

/** The whole profile to PUT: what the form holds, and null (or false) for what was left empty. */
export function profileFromValues(values: RecordData): Profile {
  const text = (name: keyof Profile) => (typeof values[name] === 'string' && values[name] !== '' ? values[name] : null);
  return {
    displayName: text('displayName'),
    displayNameKana: text('displayNameKana'),
    email: text('email'),
    phone: text('phone'),
    postalCode: text('postalCode'),
    address: text('address'),
    consentToReuse: values.consentToReuse === true,
    language: text('language') as Profile['language'],
    calendar: text('calendar') as Profile['calendar'],
  };
}
