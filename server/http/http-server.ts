// The node HTTP server under Colyseus and express: timeouts for slow clients, and a size cap on
// every request body, checked from its declared length before a byte of it is read. Colyseus'
// own /matchmake route buffers whatever body comes (a 100 MB join body was read whole, then
// reserved a seat), and express only limits the routes that parse a body; this covers both.
import http from "node:http";
import proxyaddr from "proxy-addr";
import { trustProxySetting, type Config } from "../config.ts";

/** Matchmaking options are a few short strings (lounge id, name, avatar, tokens, invite code). */
export const MATCHMAKE_BODY_LIMIT = 16 * 1024;
/** JSON bodies of the REST API (express.json uses the same figure). */
export const JSON_BODY_LIMIT = 32 * 1024;

const TRACK_UPLOAD = /^\/api\/lounges\/[^/]+\/tracks\/?$/;

/** The largest body a request to `method url` may carry. */
export function bodyLimitOf(config: Config): (method: string, url: string) => number {
  const trackBytes = config.TRACK_MAX_MB * 1024 * 1024;
  return (method, url) => {
    const path = url.split("?")[0];
    if (path.startsWith("/matchmake/")) return MATCHMAKE_BODY_LIMIT;
    if (method === "POST" && TRACK_UPLOAD.test(path)) return trackBytes;
    return JSON_BODY_LIMIT;
  };
}

interface Refusal { status: number; code: string; message: string }

function refusalOf(req: http.IncomingMessage, limit: number): Refusal | undefined {
  const declared = req.headers["content-length"];
  // A chunked body has no length to check up front; every client we serve (browsers' fetch with a
  // string, Blob or File, the SDK) sends Content-Length, so ask for it instead of counting bytes.
  if (declared === undefined) {
    return req.headers["transfer-encoding"] === undefined ? undefined
      : { status: 411, code: "LENGTH_REQUIRED", message: "Send the request body with a Content-Length header." };
  }
  const bytes = Number(declared);
  if (bytes > limit) {
    return { status: 413, code: "TOO_LARGE", message: `The request body is ${bytes} bytes; at most ${limit} are accepted here.` };
  }
  return undefined;
}

/**
 * An http.Server that answers 413 (or 411) before any listener sees a request whose body is over
 * its route's limit. Colyseus prepends its own request listener when it binds its routes, so the
 * check sits in `emit`, ahead of every listener, rather than in one.
 */
class BodyLimitedServer extends http.Server {
  constructor(options: http.ServerOptions, private readonly limitOf: (method: string, url: string) => number, private readonly trust: (address: string, hop: number) => boolean) {
    super(options);
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request" || event === "upgrade") this.settleClientAddress(args[0] as http.IncomingMessage);
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      const refusal = refusalOf(req, this.limitOf(req.method ?? "GET", req.url ?? "/"));
      if (refusal) {
        // The body stays unread: close the connection after answering instead of draining it.
        res.writeHead(refusal.status, { "content-type": "application/json; charset=utf-8", connection: "close" });
        res.end(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
        return true;
      }
    }
    return super.emit(event, ...args);
  }

  /**
   * Colyseus takes a join's address from X-Real-IP, X-Forwarded-For or X-Client-IP, whoever sent
   * them, so anyone could claim any address (and dodge an address ban, or get someone else's
   * address penalized). Here the address is worked out once, by the TRUST_PROXY rule express uses
   * too, and written into X-Real-IP, the header Colyseus reads first.
   */
  private settleClientAddress(req: http.IncomingMessage): void {
    if (!req.socket?.remoteAddress) return;
    delete req.headers["x-client-ip"];
    req.headers["x-real-ip"] = proxyaddr(req, this.trust);
  }
}

/** TRUST_PROXY as a proxy-addr trust function (the same reading as express's "trust proxy"). */
export function trustFunction(value: string): (address: string, hop: number) => boolean {
  const setting = trustProxySetting(value);
  if (setting === true) return () => true;
  if (setting === false) return () => false;
  if (typeof setting === "number") return (_address, hop) => hop < setting;
  return proxyaddr.compile(setting.split(",").map((s) => s.trim()).filter(Boolean));
}

export function createHttpServer(config: Config): http.Server {
  return new BodyLimitedServer({
    headersTimeout: config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    // Node checks the two timeouts above only this often (30 s by default, so a socket trickling
    // header bytes stayed open 78 s); once a second keeps them close to what they say.
    connectionsCheckingInterval: 1000,
  }, bodyLimitOf(config), trustFunction(config.TRUST_PROXY));
}
