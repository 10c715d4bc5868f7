// Entry point: read the configuration, build the server, listen. A start-up failure is logged as
// one structured line that says what to do, and the process exits with status 1.
import { pino } from "pino";
import { loadConfig } from "./config.ts";
import { createLoungeServer } from "./app.ts";

const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const log = pino({ level: levels.includes(process.env.LOG_LEVEL ?? "") ? process.env.LOG_LEVEL : "info", base: { service: "chill-lounge" } });

function startupProblem(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  if (code === "EADDRINUSE") {
    return `Port ${process.env.PORT ?? 2567} is already in use: stop the other server or set PORT to a free port.`;
  }
  return err instanceof Error ? err.message : String(err);
}

try {
  const config = loadConfig(process.env);
  const lounge = await createLoungeServer({ config, log, handleSignals: true });
  await lounge.listen();
} catch (err) {
  log.fatal({ err }, `chill lounge could not start: ${startupProblem(err)}`);
  log.flush();
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100).unref();
}
