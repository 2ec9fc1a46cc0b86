/** The cookie a browser's session token travels in: read by the API and the realtime handshake. */
export const SESSION_COOKIE = 'kiban_session';
