// Chat text normalisation, shared so the client can preview exactly what the server will store.

// Every C0/C1 control character except the newline, plus bidi overrides that can disguise text.
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Strips control characters, keeps at most two consecutive newlines, trims the ends. */
export function sanitizeChatText(raw: string): string {
  return raw.replace(CONTROL, "").replace(/\n{3,}/g, "\n\n").trim();
}

/** Display names: one line, no control characters, inner whitespace collapsed. */
export function sanitizeDisplayName(raw: string): string {
  return raw.replace(CONTROL, "").replace(/\s+/g, " ").trim();
}
