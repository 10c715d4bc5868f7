// Debian's nginx in front of test server processes, with the proxy configuration operators use
// (deploy/nginx.conf, written for docker-compose): its upstream host names and listen port are
// substituted into a copy in a temporary directory, which also holds nginx's pid, logs and
// temporary files. nginx runs in the foreground as a child of the test and dies with it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { access, mkdtemp, readFile, rm, writeFile, chmod } from "node:fs/promises";
import { constants } from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { inCI } from "./services.ts";

export const DEPLOY_NGINX_CONF = fileURLToPath(new URL("../../deploy/nginx.conf", import.meta.url));
/** NGINX_PATH when set (only it), else where Debian and source builds put nginx. */
const CANDIDATES = process.env.NGINX_PATH ? [process.env.NGINX_PATH] : ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/bin/nginx", "/usr/bin/nginx"];

/** The nginx binary, or undefined when none is installed. */
export async function findNginx(): Promise<string | undefined> {
  for (const candidate of CANDIDATES) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch { /* try the next */ }
  }
  return undefined;
}

/** Call in a `before` hook: the nginx binary; fails in CI, skips the suite loudly elsewhere. */
export async function requireNginx(ctx: Mocha.Context): Promise<string> {
  const found = await findNginx();
  if (found) return found;
  const why = "nginx is not installed (apt-get install -y nginx, or set NGINX_PATH)";
  if (inCI) throw new Error(`${why}; CI needs it for the proxy test (.ci/run installs it).`);
  console.warn(`\n  !!! SKIPPING "${ctx.test?.parent?.title}": ${why}. !!!\n`);
  ctx.skip();
}

/**
 * deploy/nginx.conf with the compose service names (`lounge-N:2567`) pointed at the test's
 * processes and the listen port changed. Throws when the file no longer has those places, so a
 * changed configuration is noticed rather than tested half-substituted.
 */
export function substituteDeployConf(conf: string, upstreamPorts: readonly number[], listenPort: number): string {
  const named = new Set<number>();
  let out = conf.replace(/\blounge-(\d+):2567\b/g, (_m, n: string) => {
    const port = upstreamPorts[Number(n) - 1];
    if (port === undefined) throw new Error(`deploy/nginx.conf names lounge-${n}, but the test started only ${upstreamPorts.length} processes`);
    named.add(Number(n));
    return `127.0.0.1:${port}`;
  });
  if (named.size !== upstreamPorts.length) throw new Error(`deploy/nginx.conf should name lounge-1…lounge-${upstreamPorts.length} (service:2567); it names ${[...named].join(", ") || "none"}`);
  if (!/^\s*listen 8080;/m.test(out)) throw new Error("deploy/nginx.conf should `listen 8080;` (the port docker-compose publishes)");
  out = out.replace(/^(\s*)listen 8080;/m, `$1listen 127.0.0.1:${listenPort};`);
  return out;
}

/** The main configuration around the substituted server block: foreground, everything in `dir`. */
function mainConf(dir: string): string {
  // As root, nginx's workers would switch to "nobody", who cannot use the private temp directory.
  const user = process.getuid?.() === 0 ? "user root;\n" : "";
  return `${user}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  log_format upstreams '$request_method $uri $status $upstream_addr';
  access_log ${dir}/access.log upstreams;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/lounge.conf;
}
`;
}

export interface AccessLine { method: string; path: string; status: number; upstream: string }

export interface Proxy {
  url: string;
  port: number;
  child: ChildProcess;
  /** What nginx logged so far: one line per request, with the upstream that answered it. */
  accessLog(): Promise<AccessLine[]>;
  stop(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => { socket.end(); resolve(true); });
    socket.on("error", () => resolve(false));
  });
}

/** Starts nginx with deploy/nginx.conf in front of `upstreamPorts` (lounge-1, lounge-2, …) on `port`. */
export async function startProxy(nginx: string, upstreamPorts: readonly number[], port: number): Promise<Proxy> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "chill-nginx-"));
  await chmod(dir, 0o755);
  await writeFile(path.join(dir, "lounge.conf"), substituteDeployConf(await readFile(DEPLOY_NGINX_CONF, "utf8"), upstreamPorts, port));
  const conf = path.join(dir, "nginx.conf");
  await writeFile(conf, mainConf(dir));
  // -e: Debian's build otherwise opens /var/log/nginx/error.log before reading the configuration.
  const args = ["-p", `${dir}/`, "-c", conf, "-e", `${dir}/error.log`];
  const check = spawnSync(nginx, [...args, "-t"], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx rejects the configuration from deploy/nginx.conf:\n${check.stderr}`);
  const child = spawn(nginx, args, { stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  child.stdout?.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr?.on("data", (c: Buffer) => output.push(c.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 15_000;
  while (!(await portOpen(port))) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${output.join("")}`);
    if (Date.now() > deadline) { child.kill("SIGKILL"); throw new Error(`nginx did not listen on ${port} within 15 s:\n${output.join("")}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`, port, child,
    async accessLog() {
      const text = await readFile(path.join(dir, "access.log"), "utf8").catch(() => "");
      return text.split("\n").filter(Boolean).map((line) => {
        const [method, p, status, upstream] = line.split(" ");
        return { method, path: p, status: Number(status), upstream };
      });
    },
    async stop() {
      // SIGQUIT: finish requests and exit; the master takes its workers with it.
      if (child.exitCode === null) child.kill("SIGQUIT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
