// `npm run dev`: the lounge server (restarted by tsx on server changes) plus Vite's dev server with
// hot reload for the browser lounge on http://localhost:5173, proxying the HTTP API to the server.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "vite";
import { clientViteConfig } from "../client/vite.config.ts";

const devOrigins = ["http://localhost:5173", "http://127.0.0.1:5173"];
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
const server = spawn(process.execPath, [tsxCli, "watch", "--clear-screen=false", "server/main.ts"], {
  stdio: "inherit",
  env: { ...process.env, ALLOWED_ORIGINS: [process.env.ALLOWED_ORIGINS, ...devOrigins].filter(Boolean).join(",") },
});

const vite = await createServer({ ...clientViteConfig("serve"), configFile: false });
await vite.listen();
vite.printUrls();
console.log("  (the lounge server runs beside it; its API is proxied, WebSockets go to it directly)");

const stop = async () => {
  server.kill("SIGTERM");
  await vite.close();
  process.exit(0);
};
process.on("SIGINT", () => { void stop(); });
process.on("SIGTERM", () => { void stop(); });
server.on("exit", (code) => { if (code !== null && code !== 0) console.error(`[dev] the lounge server exited with code ${code}`); });
