/** Browser mode's HTTP headers (electron/http.ts reads them, renderer/src/api/transport.ts sends them). */
/** The per-run secret: proves the page was opened from the address the app printed. */
export const SECRET_HEADER = 'x-retention-desk-secret';
/** The signed-in session's token (absent before sign-in). */
export const SESSION_HEADER = 'x-retention-desk-session';
