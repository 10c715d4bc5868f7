// Vite configuration of the browser lounge: `client/` is the root, the build goes to dist/client/
// (served by the lounge server), and the dev server proxies the HTTP API to a running server.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin, type UserConfig } from "vite";

export const clientRoot = path.dirname(fileURLToPath(import.meta.url));
export const clientOutDir = path.resolve(clientRoot, "../dist/client");

/** Where the dev server finds the lounge server (`npm run dev` starts one on this port). */
export const devServerTarget = `http://localhost:${process.env.PORT ?? "2567"}`;

/**
 * The widget imports Pixi (its scene) dynamically, so that joining starts before Pixi is evaluated;
 * this hint in its page has the browser fetch and compile that chunk from the start all the same.
 */
function preloadWidgetStage(): Plugin {
  return {
    name: "chill-lounge:preload-widget-stage",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        if (!ctx.filename.endsWith(path.join("widget", "index.html")) || !ctx.bundle) return [];
        const stage = Object.values(ctx.bundle).find((c) => c.type === "chunk" && c.facadeModuleId?.endsWith("/widget/stage.ts"));
        return stage ? [{ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/${stage.fileName}` }, injectTo: "head" }] : [];
      },
    },
  };
}

export function clientViteConfig(command: "build" | "serve"): UserConfig {
  return {
    plugins: [preloadWidgetStage()],
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
      // The manifest lets the widget's budget test see what its page loads (test/build/).
      manifest: true,
      rollupOptions: { input: { main: path.join(clientRoot, "index.html"), widget: path.join(clientRoot, "widget/index.html") } },
    },
    server: {
      port: 5173,
      proxy: Object.fromEntries(["/api", "/health", "/tracks", "/media"].map((p) => [p, { target: devServerTarget, changeOrigin: false }])),
    },
  };
}

/** embed.js: the loader sites include, one small classic script (not a module) that runs anywhere. */
export function loaderViteConfig(): UserConfig {
  return {
    root: clientRoot,
    publicDir: false,
    clearScreen: false,
    build: {
      outDir: clientOutDir,
      emptyOutDir: false,
      target: "es2019",
      reportCompressedSize: false,
      lib: { entry: path.join(clientRoot, "widget/loader/embed.ts"), formats: ["iife"], name: "ChillLoungeLoader", fileName: () => "embed.js" },
    },
  };
}

export default defineConfig(({ command }) => clientViteConfig(command));
