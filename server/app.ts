// createLoungeServer(): everything a lounge server process is, for main.ts and for tests —
// database, presence and matchmaking driver, Colyseus rooms, and the HTTP API on one port.
import express from "express";
import { pino, type Logger } from "pino";
import { Server, LocalPresence, LocalDriver, type Presence, type matchMaker } from "@colyseus/core";
import { HeartbeatTransport } from "./http/heartbeat-transport.ts";
import { trustProxySetting, type Config } from "./config.ts";
import { openDatabase, type DatabaseHandle } from "./db/client.ts";
import { LoungeRepository } from "./db/lounges.ts";
import { ChatRepository } from "./db/chat.ts";
import { ChatWriteQueue } from "./db/chat-write-queue.ts";
import { installLoungeContext, trackWrite, type LoungeContext } from "./rooms/context.ts";
import { AuditTrail } from "./rooms/audit-trail.ts";
import { builtInRooms, loadMods, type RoomRegistry } from "./rooms/registry.ts";
import { healthRoute } from "./http/health.ts";
import { gameRoutes } from "./http/games.ts";
import { loungeRoutes } from "./http/lounges.ts";
import { TrackCatalog, libraryDir } from "./tracks/catalog.ts";
import { TrackStore } from "./tracks/store.ts";
import { trackRoutes } from "./http/tracks.ts";
import { errorHandler, sendError } from "./http/errors.ts";
import { createAccounts } from "./auth/accounts.ts";
import { authRoutes } from "./auth/routes.ts";
import { resolveSession } from "./auth/request-auth.ts";
import { MemberRepository } from "./db/members.ts";
import { InviteRepository } from "./db/invites.ts";
import { ModerationRepository } from "./db/moderation.ts";
import { GameRepository } from "./db/games.ts";
import { PenaltyBox } from "./rooms/penalty-box.ts";
import { Metrics } from "./metrics.ts";
import { metricsRoute } from "./http/metrics.ts";
import { DEFAULT_CAPACITY } from "../shared/api.ts";
import { ReservationLedger } from "./rooms/reservations.ts";
import { loungeAdminRoutes } from "./http/lounge-admin.ts";
import { securityHeaders, sameOriginWrites } from "./http/security.ts";
import { webClientRoutes } from "./http/web-client.ts";
import { embedRoutes } from "./http/embed-pages.ts";
import { createHttpServer, JSON_BODY_LIMIT } from "./http/http-server.ts";
import { installCorsPolicy } from "./http/origins.ts";
import { operatorApiRoutes, operatorPageRoutes } from "./http/operator.ts";
import { announceProcess, forgetProcess } from "./http/operator-overview.ts";
import { CrashedProcessSweeper } from "./crashed-processes.ts";

export interface LoungeServerOptions {
  config: Config;
  log?: Logger;
  /** Install Colyseus' SIGTERM/SIGINT handlers that shut down gracefully and exit (main.ts). */
  handleSignals?: boolean;
  /** Extra express routes, mounted after the API and before the web client's pages. */
  routes?: (app: express.Application) => void;
  /** Room types to serve; default: the built-in ones plus the mods named in LOUNGE_MODS. */
  rooms?: RoomRegistry;
}

export interface LoungeServer {
  server: Server;
  config: Config;
  log: Logger;
  database: DatabaseHandle;
  context: LoungeContext;
  rooms: RoomRegistry;
  /** Binds the port; resolves with the port actually bound. */
  listen(): Promise<number>;
  /** Stops accepting joins, disconnects rooms, waits for pending writes, closes the database. */
  close(): Promise<void>;
}

const WS_MAX_PAYLOAD = 64 * 1024;

/**
 * Colyseus 0.18 checks `client.readyState !== WebSocket.OPEN` when a client reconnects, using the
 * global WebSocket that Node has only from version 22. On older Node every reconnection would fail
 * with "WebSocket is not defined"; lend it the `ws` class, whose constants are the same.
 */
async function ensureGlobalWebSocket(): Promise<void> {
  if (typeof globalThis.WebSocket === "undefined") {
    const { WebSocket } = await import("ws");
    Object.assign(globalThis, { WebSocket });
  }
}

export async function createLoungeServer(opts: LoungeServerOptions): Promise<LoungeServer> {
  const { config } = opts;
  await ensureGlobalWebSocket();
  const log = opts.log ?? pino({ level: config.LOG_LEVEL, base: { service: "chill-lounge" } });
  const database = await openDatabase({
    url: config.DATABASE_URL, pgliteDir: config.pgliteDir, pglite: { sharedBuffers: config.PGLITE_SHARED_BUFFERS }, log,
  });

  let presence: Presence;
  let driver: matchMaker.MatchMakerDriver;
  if (config.REDIS_URL) {
    const { RedisPresence } = await import("@colyseus/redis-presence");
    const { RedisDriver } = await import("@colyseus/redis-driver");
    presence = new RedisPresence(config.REDIS_URL);
    driver = new RedisDriver(config.REDIS_URL);
  } else {
    presence = new LocalPresence();
    driver = new LocalDriver();
  }

  const tracks = await TrackCatalog.load(new TrackStore(database.db, config.tracksDir, {
    maxBytes: config.TRACK_MAX_MB * 1024 * 1024,
    maxMs: config.TRACK_MAX_MINUTES * 60_000,
    allowPrivateUrls: config.TRACK_URL_ALLOW_PRIVATE,
  }));
  const accounts = createAccounts(database.db, config, log, config.REDIS_URL ? presence : undefined);
  await accounts.passwords.warm();
  const moderation = new ModerationRepository(database.db);
  const pendingWrites = new Set<Promise<unknown>>();
  const chat = new ChatRepository(database.db);
  const metrics = new Metrics();
  const context: LoungeContext = {
    config, log, tracks, accounts, presence, pendingWrites, moderation, chat, metrics,
    chatWrites: new ChatWriteQueue(chat, { maxRows: config.CHAT_WRITE_BATCH_ROWS, delayMs: config.CHAT_WRITE_DELAY_MS },
      log.child({ component: "chat-writes" }), () => metrics.databaseErrors.inc()),
    lounges: new LoungeRepository(database.db),
    members: new MemberRepository(database.db),
    invites: new InviteRepository(database.db),
    games: new GameRepository(database.db),
    penalties: new PenaltyBox(),
    reservations: new ReservationLedger(config.MAX_OPEN_RESERVATIONS, config.SEAT_RESERVATION_SECONDS * 1000),
    audit: new AuditTrail(moderation, presence, (write) => trackWrite({ pendingWrites }, write), log),
  };
  installLoungeContext(context);
  if (config.DEFAULT_LOUNGE) {
    // A first start: give the first visitor somewhere to walk into, as Gather and WorkAdventure do.
    const lounge = await context.lounges.createDefault({ name: config.DEFAULT_LOUNGE_NAME, mapId: config.DEFAULT_LOUNGE_MAP, capacity: DEFAULT_CAPACITY });
    if (lounge) log.info({ loungeId: lounge.id, name: lounge.name }, "created the default lounge on an empty database");
  }

  let draining = false;
  const rooms = opts.rooms ?? builtInRooms();
  if (!opts.rooms) {
    const mods = await loadMods(rooms, config.LOUNGE_MODS);
    if (mods.length > 0) log.info({ mods }, "mods loaded");
  }

  const httpServer = createHttpServer(config);
  const server = new Server({
    transport: new HeartbeatTransport({ server: httpServer, maxPayload: WS_MAX_PAYLOAD }),
    presence, driver,
    publicAddress: config.PUBLIC_ADDRESS,
    gracefullyShutdown: opts.handleSignals ?? false,
    greet: false,
    logger: log.child({ component: "colyseus" }),
    express: (app) => {
      app.disable("x-powered-by");
      app.set("trust proxy", trustProxySetting(config.TRUST_PROXY));
      app.use(securityHeaders());
      app.use(express.json({ limit: JSON_BODY_LIMIT }));
      app.get("/metrics", metricsRoute(context.metrics, config.METRICS_TOKEN));
      app.get("/health", healthRoute(database, config.REDIS_URL ? presence : undefined, () => draining));
      app.use("/api", sameOriginWrites(config), resolveSession(accounts, config));
      app.use("/api", authRoutes({ accounts, config, log, presence }));
      app.use("/api", loungeRoutes({ ...context, roomKinds: rooms.loungeKinds }));
      app.use("/api", loungeAdminRoutes({ ...context, users: accounts.users }));
      app.use("/api", gameRoutes(context));
      app.use("/api", trackRoutes({ ...context, config, tracks }));
      // Range requests are served by express.static, so players can seek without downloading all.
      app.use("/tracks", express.static(libraryDir, { index: false, maxAge: "1d" }));
      app.use("/media", express.static(config.tracksDir, { index: false, maxAge: "7d", immutable: true }));
      app.use("/api", operatorApiRoutes({ config, loungeKinds: rooms.loungeKinds }));
      app.use("/api", (_req, res) => sendError(res, 404, "NOT_FOUND", "No such API route; see the README for the API."));
      app.use("/operator", resolveSession(accounts, config), operatorPageRoutes({ config, loungeKinds: rooms.loungeKinds }));
      opts.routes?.(app);
      app.use(embedRoutes({ lounges: context.lounges, log, config }));
      app.use(webClientRoutes());
      app.use(errorHandler(log));
    },
  });

  installCorsPolicy(config);
  rooms.defineOn(server);

  const sweeper = new CrashedProcessSweeper(log, config.REDIS_URL ? config.DEAD_PROCESS_CHECK_MS : 0);
  const closeDatabase = async () => {
    sweeper.stop();
    accounts.throttle.stop();
    // Chat messages still queued are written now, not after their batch's delay.
    await context.chatWrites.flush();
    await Promise.allSettled([...context.pendingWrites]);
    await database.close();
    log.info("database closed");
  };
  server.onShutdown(closeDatabase);
  // SIGTERM: /health says 503 at once; each lounge keeps its snapshot and sends people on (onBeforeShutdown).
  server.onBeforeShutdown(() => {
    draining = true;
    forgetProcess().catch((err: unknown) => log.warn({ err }, "could not take this process off the operator's list"));
    sweeper.stop();
    log.info("draining: no new people; lounges keep their state and send people on");
  });

  return {
    server, config, log, database, context, rooms,
    async listen() {
      // Colyseus' listen() settles only in the bind callback, which never runs when binding fails
      // (port taken, no permission): the server's "error" event is the only word of that.
      await new Promise<void>((resolve, reject) => {
        httpServer.once("error", reject);
        server.listen(config.PORT, config.HOST).then(resolve, reject).finally(() => httpServer.off("error", reject));
      });
      // With PORT=0 the OS picks the port: read what was actually bound.
      const address = server.transport.server?.address();
      const port = typeof address === "object" && address ? address.port : config.PORT;
      await announceProcess(config.PUBLIC_ADDRESS ?? `${config.HOST}:${port}`);
      sweeper.start();
      log.info({
        url: `http://localhost:${port}`, host: config.HOST, port,
        database: database.kind, databaseAt: database.where,
        presence: config.REDIS_URL ? "redis" : "in-process",
        publicAddress: config.PUBLIC_ADDRESS ?? null,
      }, "chill lounge listening");
      return port;
    },
    async close() {
      await server.gracefullyShutdown(false);
    },
  };
}
