// docs/modding.md quotes the example mod and the shipped games; each quoted block must still stand, line for line, in
// the file it names, so the guide cannot drift from code that runs.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const doc = readFileSync("docs/modding.md", "utf8");
const quoted = [...doc.matchAll(/```ts from (\S+)\n([\s\S]*?)```/g)].map((m) => ({ file: m[1], code: m[2] }));

describe("the modding guide", () => {
  it("quotes the example mod and the shipped games", () => {
    assert.ok(quoted.length >= 6, `found ${quoted.length} quoted blocks`);
    assert.ok(quoted.some((q) => q.file.startsWith("examples/")));
    assert.ok(quoted.some((q) => q.file.startsWith("shared/games/")));
  });

  for (const [i, { file, code }] of quoted.entries()) {
    it(`block ${i + 1} still stands in ${file}`, () => {
      const source = readFileSync(file, "utf8");
      assert.ok(source.includes(code), `docs/modding.md block ${i + 1} no longer matches ${file}:\n${code}`);
    });
  }
});
