/** A message every error carries in both languages staff use. */
export interface LocalizedMessage {
  ja: string;
  en: string;
}

/** One located problem inside a request or a metadata item. */
export interface ErrorDetail {
  /** JSON pointer to the offending value, e.g. `/fields/2/type` or `/birthDate`. */
  pointer: string;
  code: string;
  message: LocalizedMessage;
}

/**
 * The engine's structured error: a stable code, the HTTP status it maps to, a message in
 * Japanese and English, and located details. Anything thrown that is not a KibanError is
 * an internal error and is never shown to the caller.
 */
export class KibanError extends Error {
  readonly code: string;
  readonly status: number;
  readonly localized: LocalizedMessage;
  readonly details: ErrorDetail[];

  constructor(code: string, status: number, message: LocalizedMessage, details: ErrorDetail[] = []) {
    super(message.en);
    this.name = 'KibanError';
    this.code = code;
    this.status = status;
    this.localized = message;
    this.details = details;
  }
}
