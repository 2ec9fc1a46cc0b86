import { type CalendarPreference, formatDate, type MessageKey, translate } from '../i18n/index.ts';
import type { FieldDefinition, Language } from '../metadata/index.ts';
import type { FieldProblem } from './field-problem.ts';

/** Formats that name what to enter; any other format falls back to the generic message. */
const FORMAT_MESSAGES: Record<string, MessageKey> = {
  email: 'validation.email',
  date: 'validation.date',
  'date-time': 'validation.datetime',
  uuid: 'validation.uuid',
};

/** Built-in patterns are explained by the field type that brings them. */
const PATTERN_MESSAGES: Partial<Record<FieldDefinition['type'], MessageKey>> = {
  kana: 'validation.kana',
  phone: 'validation.phone',
  postalCode: 'validation.postalCode',
  decimal: 'validation.decimal',
  integer: 'validation.integer',
};

/** The sentence a resident reads under the field. */
export function problemMessage(
  problem: FieldProblem,
  field: FieldDefinition | undefined,
  language: Language,
  calendar: CalendarPreference,
): string {
  if (problem.kind === 'server') return problem.message;
  const say = (key: MessageKey, params: Record<string, string | number> = {}) => translate(language, key, params);
  const limit = problem.limit;
  const isDate = field?.type === 'date' || field?.type === 'datetime';
  const dateLimit = () => formatDate(String(limit).slice(0, 10), language, calendar);
  switch (problem.keyword) {
    case 'required':
      return say('validation.required');
    case 'format':
      return say(FORMAT_MESSAGES[problem.format ?? ''] ?? 'validation.invalid');
    case 'pattern':
    case 'type': {
      const byType = field ? PATTERN_MESSAGES[field.type] : undefined;
      if (byType) return say(byType, { scale: field?.scale ?? 2 });
      return say(problem.keyword === 'type' ? 'validation.type' : 'validation.pattern');
    }
    case 'minLength':
      return say('validation.minLength', { limit: String(limit) });
    case 'maxLength':
      return say('validation.maxLength', { limit: String(limit) });
    case 'minimum':
    case 'exclusiveMinimum':
    case 'decimalMinimum':
      return say('validation.minimum', { limit: String(field?.min ?? limit) });
    case 'maximum':
    case 'exclusiveMaximum':
    case 'decimalMaximum':
      return say('validation.maximum', { limit: String(field?.max ?? limit) });
    case 'formatMinimum':
    case 'formatExclusiveMinimum':
      return isDate ? say('validation.dateMinimum', { limit: dateLimit() }) : say('validation.invalid');
    case 'formatMaximum':
    case 'formatExclusiveMaximum':
      return isDate ? say('validation.dateMaximum', { limit: dateLimit() }) : say('validation.invalid');
    case 'enum':
      return say('validation.enum');
    case 'json':
      return say('validation.json');
    case 'fileTooLarge':
      return say('validation.fileTooLarge', { limit: String(limit) });
    case 'fileType':
      return say('validation.fileType');
    default:
      return say('validation.invalid');
  }
}
