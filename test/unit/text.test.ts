import assert from "node:assert/strict";
import { CHAT_MAX_LINES, sanitizeChatText, sanitizeDisplayName } from "../../shared/text.ts";
import { clientMessages, displayName } from "../../shared/protocol.ts";
import { createLoungeBody } from "../../shared/api.ts";

const send = (text: string) => clientMessages["chat:send"].safeParse({ text, nonce: "n" });

describe("invisible characters in chat and names", () => {
  it("strips zero-width characters and direction marks from chat", () => {
    const cases: Array<[string, string]> = [
      ["he\u200Bllo", "hello"],
      ["\u200Fright\u200E left\u061C", "right left"],
      ["\uFEFFbom and\u2060 word joiner", "bom and word joiner"],
      ["soft\u00ADhyphen", "softhyphen"],
      ["\u202Eevil\u202C \u2067isolate\u2069", "evil isolate"],
      ["tag\u{E0041}\u{E0042}s", "tags"],
      ["fill\u3164er", "filler"],
      ["ad\u200Cmin and ad\u200Dmin", "admin and admin"],
    ];
    for (const [raw, clean] of cases) assert.equal(sanitizeChatText(raw), clean, JSON.stringify(raw));
  });

  it("keeps the joiners that emoji sequences, flags and Persian words are spelled with", () => {
    for (const text of ["👩‍💻", "🏳️‍🌈", "👩🏽‍🚀", "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "می‌خواهم", "❤️"]) {
      assert.equal(sanitizeChatText(text), text, JSON.stringify(text));
      assert.equal(sanitizeDisplayName(text), text, JSON.stringify(text));
    }
  });

  it("refuses a chat message that is empty once invisible characters are removed", () => {
    for (const text of ["\u200B", "\u200E\u200F\uFEFF", "\u2800\u2800", "\u3164", " \u200B \n \u2060 "]) {
      const parsed = send(text);
      assert.equal(parsed.success, false, JSON.stringify(text));
      assert.match(parsed.error?.issues[0].message ?? "", /Type something/);
    }
    assert.equal(send("ok\u200B").success, true);
  });

  it("strips invisible characters from display and lounge names, and refuses names made only of them", () => {
    assert.equal(sanitizeDisplayName("Ad\u200Ba\u200F"), "Ada");
    assert.equal(sanitizeDisplayName("\u202EnimdA"), "nimdA");
    assert.equal(sanitizeDisplayName("A\u2800\u2800B"), "A B");
    for (const blank of ["\u200B\u200B", "\u2800", "\u3164\u3164", "\u200E"]) {
      assert.equal(displayName.safeParse(blank).success, false, JSON.stringify(blank));
      assert.equal(createLoungeBody.safeParse({ name: blank }).success, false, JSON.stringify(blank));
    }
    assert.equal(createLoungeBody.parse({ name: "Jazz\u200B corner" }).name, "Jazz corner");
  });
});

describe("line breaks in chat", () => {
  it(`keeps at most ${CHAT_MAX_LINES} lines, joining the rest onto the last`, () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const clean = sanitizeChatText(lines.join("\n"));
    const kept = clean.split("\n");
    assert.equal(kept.length, CHAT_MAX_LINES);
    assert.equal(kept[0], "line 1");
    assert.equal(kept[CHAT_MAX_LINES - 1], lines.slice(CHAT_MAX_LINES - 1).join(" "));
  });

  it("collapses runs of blank lines, blank-looking ones included, to one", () => {
    assert.equal(sanitizeChatText("a\n \n\t\n\u200B\n\u2800\n\nb"), "a\n\nb");
    assert.equal(sanitizeChatText("a\r\n\r\n\r\n\r\nb"), "a\n\nb");
    assert.equal(sanitizeChatText("a\u2028\u2028\u2028\u2029b"), "a\n\nb", "Unicode line separators count as line breaks");
  });

  it("cannot be made taller than ten lines with separators or spaces", () => {
    const tall = Array.from({ length: 50 }, (_, i) => `x${i}`).join("\u2028 \n");
    assert.ok(sanitizeChatText(tall).split("\n").length <= CHAT_MAX_LINES);
  });
});
