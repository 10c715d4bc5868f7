// Entry point: read the configuration, build the server, listen. Nothing else.
import { loadConfig } from "./config.ts";
import { createLoungeServer } from "./app.ts";

const config = loadConfig(process.env);
const lounge = await createLoungeServer({ config, handleSignals: true });
await lounge.listen();
