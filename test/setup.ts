// Mocha root hooks: shut the shared test server down once every file has run.
import { stopTestServer } from "./support/server.ts";

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await stopTestServer();
  },
};
