import { type ErrorDetail, KibanError, type LocalizedMessage } from '../errors.ts';

/**
 * A refusal or bad input in access control (weak password, taken username, …). It is a
 * KibanError so that the API shows its code and message instead of hiding it as internal.
 */
export class AccessError extends KibanError {
  constructor(code: string, status: number, message: LocalizedMessage, details: ErrorDetail[] = []) {
    super(code, status, message, details);
    this.name = 'AccessError';
  }
}
