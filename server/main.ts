// Entry point: read the configuration, build the server, listen. A start-up failure is logged as
// one structured line that says what to do, and the process exits with status 1. The environment
// is read once, by loadConfig; nothing here looks at it.
import { pino, type Logger } from "pino";
import { loadConfig, type Config } from "./config.ts";
import { createLoungeServer } from "./app.ts";

const base = { service: "chill-lounge" };

function startupProblem(err: unknown, config: Config | undefined): string {
  const code = (err as { code?: unknown })?.code;
  if (code === "EADDRINUSE") {
    return `Port ${config?.PORT ?? "(unknown)"} is already in use: stop the other server or set PORT to a free port.`;
  }
  return err instanceof Error ? err.message : String(err);
}

function fail(log: Logger, err: unknown, config: Config | undefined): void {
  log.fatal({ err }, `chill lounge could not start: ${startupProblem(err, config)}`);
  log.flush();
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100).unref();
}

let config: Config | undefined;
try {
  config = loadConfig(process.env);
} catch (err) {
  // No configuration, so no LOG_LEVEL yet: say it at the default level.
  fail(pino({ base }), err, undefined);
}
if (config) {
  const log = pino({ level: config.LOG_LEVEL, base });
  try {
    const lounge = await createLoungeServer({ config, log, handleSignals: true });
    await lounge.listen();
  } catch (err) {
    fail(log, err, config);
  }
}
