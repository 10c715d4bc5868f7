// Vite configuration of the browser lounge: `client/` is the root, the build goes to dist/client/
// (served by the lounge server), and the dev server proxies the HTTP API to a running server.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type UserConfig } from "vite";

export const clientRoot = path.dirname(fileURLToPath(import.meta.url));
export const clientOutDir = path.resolve(clientRoot, "../dist/client");

/** Where the dev server finds the lounge server (`npm run dev` starts one on this port). */
export const devServerTarget = `http://localhost:${process.env.PORT ?? "2567"}`;

export function clientViteConfig(command: "build" | "serve"): UserConfig {
  return {
    root: clientRoot,
    publicDir: "public",
    clearScreen: false,
    // In dev the page comes from Vite, so Colyseus is reached directly (its matchmaking answers
    // cross-origin requests); the REST API goes through the proxy below, same-origin.
    define: command === "serve" ? { "import.meta.env.VITE_LOUNGE_SERVER": JSON.stringify(devServerTarget) } : {},
    build: {
      outDir: clientOutDir,
      emptyOutDir: true,
      target: "es2022",
      reportCompressedSize: false,
      // Phaser is one large chunk, loaded only when a lounge opens; the start page stays small.
      chunkSizeWarningLimit: 2048,
    },
    server: {
      port: 5173,
      proxy: Object.fromEntries(["/api", "/health", "/tracks", "/media"].map((p) => [p, { target: devServerTarget, changeOrigin: false }])),
    },
  };
}

export default defineConfig(({ command }) => clientViteConfig(command));
