// Text people type that others see (chat, display names, lounge names, track titles), cleaned the
// same way on server and client so the client can preview exactly what the server will store.

// Every C0/C1 control character except the newline.
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;
// Unicode's line and paragraph separators: line breaks, counted as such.
const LINE_SEPARATORS = /[\u2028\u2029]/g;
// Blank, but not whitespace to trim(): the Braille blank pattern, a favourite for "empty" names.
const BLANK = /\u2800/g;

/**
 * Characters that draw nothing, or turn the direction of what follows: soft hyphen, combining
 * grapheme joiner, Arabic letter mark, Hangul and Khmer fillers, Mongolian vowel separator,
 * zero-width space, left-to-right and right-to-left marks, bidi embeddings, overrides and
 * isolates, word joiner and invisible operators, deprecated format characters, byte order mark,
 * interlinear annotation, musical format characters and tag characters. Zero-width joiners are
 * kept where they join (emoji sequences; letters of scripts that need them), and tag characters
 * where they spell a subdivision flag.
 */
const INVISIBLE = new RegExp([
  "(\\u{1F3F4}[\\u{E0020}-\\u{E007E}]+\\u{E007F})",
  "[\\u200C\\u200D]",
  "[\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180E\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\u3164\\uFEFF\\uFFA0\\uFFF9-\\uFFFB\\u{1D173}-\\u{1D17A}\\u{E0000}-\\u{E007F}]",
].join("|"), "gu");

const ZWJ = "\u200D";
const ZWNJ = "\u200C";
// 👩‍💻, 🏳️‍🌈, 👩🏽‍🚀: a joiner between pictographs (after an optional skin tone or emoji presentation selector).
const EMOJI_BEFORE = /[\p{Extended_Pictographic}\p{Emoji_Modifier}]\uFE0F?$/u;
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;
// Scripts whose spelling uses the zero-width non-joiner (Persian, Hindi, …); between their letters it is kept.
const JOINING = ["Arabic", "Syriac", "Nko", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala"]
  .map((s) => `\\p{Script=${s}}`).join("");
const JOINING_BEFORE = new RegExp(`[${JOINING}]\\p{M}*$`, "u");
const JOINING_AFTER = new RegExp(`^[${JOINING}]`, "u");

function dropInvisible(text: string): string {
  return text.replace(INVISIBLE, (match: string, flag: string | undefined, offset: number, whole: string) => {
    if (flag) return flag;
    const before = whole.slice(Math.max(0, offset - 8), offset);
    const after = whole.slice(offset + 1, offset + 3);
    if (match === ZWJ) return EMOJI_BEFORE.test(before) && EMOJI_AFTER.test(after) ? match : "";
    if (match === ZWNJ) return JOINING_BEFORE.test(before) && JOINING_AFTER.test(after) ? match : "";
    return "";
  });
}

/** Lines a chat message keeps; the rest are joined onto the last one with spaces. */
export const CHAT_MAX_LINES = 10;

/**
 * Strips control and invisible characters, removes blanks at line ends, keeps at most one empty
 * line in a row and CHAT_MAX_LINES lines in all, and trims the ends. A message that was only
 * invisible characters comes out empty (and the protocol refuses it).
 */
export function sanitizeChatText(raw: string): string {
  const text = dropInvisible(raw.replace(LINE_SEPARATORS, "\n").replace(CONTROL, ""))
    .replace(BLANK, " ")
    .replace(/[^\S\n]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  const lines = text.split("\n");
  if (lines.length <= CHAT_MAX_LINES) return text;
  const rest = lines.slice(CHAT_MAX_LINES - 1).filter((l) => l !== "").join(" ");
  return [...lines.slice(0, CHAT_MAX_LINES - 1), rest].join("\n");
}

/** Names and titles: one line, no control or invisible characters, inner whitespace collapsed. */
export function sanitizeDisplayName(raw: string): string {
  return dropInvisible(raw.replace(CONTROL, "")).replace(BLANK, " ").replace(/\s+/g, " ").trim();
}
