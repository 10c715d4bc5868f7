// The widget's size budgets, checked on a real production build: embed.js at most 5 KB gzip, and
// at most 230 KB gzip for everything the widget page loads before it is interactive.
import assert from "node:assert/strict";
import { buildClient } from "../../scripts/client-build.ts";
import { BUDGET_KB, kb, widgetSizes } from "../../scripts/widget-sizes.ts";

describe("widget size budgets", function () {
  this.timeout(180_000);

  it("keeps embed.js and the widget page within their gzip budgets", async () => {
    await buildClient(() => undefined);
    const sizes = await widgetSizes();
    console.log(`      embed.js ${kb(sizes.loaderGzip)}, widget page ${kb(sizes.widgetGzip)} (gzip)`);
    assert.ok(sizes.loaderGzip <= BUDGET_KB.loader * 1024, `embed.js is ${kb(sizes.loaderGzip)} gzip, over ${BUDGET_KB.loader} KB`);
    assert.ok(sizes.widgetGzip <= BUDGET_KB.widget * 1024,
      `the widget page loads ${kb(sizes.widgetGzip)} gzip before it is interactive, over ${BUDGET_KB.widget} KB:\n${sizes.files.map((f) => `${f.file} ${kb(f.gzip)}`).join("\n")}`);
    // A new dynamic import is counted above; say so, so it is a choice rather than an accident.
    assert.deepEqual(sizes.unexpectedDynamic, [], "dynamic imports not known to load after the widget is interactive");
  });
});
