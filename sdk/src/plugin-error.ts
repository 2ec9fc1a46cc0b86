/** A message in the two languages every Kiban error carries. */
export interface PluginErrorMessage {
  ja: string;
  en: string;
}

/** One located problem, e.g. the input value an action refuses. */
export interface PluginErrorDetail {
  /** JSON pointer to the offending value, e.g. `/partySize`. */
  pointer: string;
  code: string;
  message: PluginErrorMessage;
}

/**
 * A brand instead of `instanceof`: a plugin installed beside its own copy of the SDK still
 * throws errors the engine recognises, because `Symbol.for` is shared across module copies.
 */
const BRAND = Symbol.for('kiban.PluginError');

/**
 * A refusal a plugin means to show to the caller. The engine renders it exactly like its own
 * errors: RFC 9457 problem+json with the stable `code` (prefix it with the plugin's name,
 * `reservations.full`), the HTTP `status` (4xx or 5xx), the message in the caller's language
 * and the located details. Any other error thrown by plugin code is an internal error: logged,
 * and answered as a generic 500 without its message.
 */
export class PluginError extends Error {
  readonly code: string;
  readonly status: number;
  readonly localized: PluginErrorMessage;
  readonly details: PluginErrorDetail[];

  constructor(code: string, status: number, message: PluginErrorMessage, details: PluginErrorDetail[] = []) {
    super(message.en);
    this.name = 'PluginError';
    this.code = code;
    this.status = status;
    this.localized = message;
    this.details = details;
  }

  static {
    Object.defineProperty(PluginError.prototype, BRAND, { value: true });
  }
}

/** True for a PluginError from any copy of the SDK. */
export function isPluginError(error: unknown): error is PluginError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}
