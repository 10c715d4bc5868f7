// Which host pages may embed a lounge: the owner's list of origins (scheme://host[:port]), and the
// frame-ancestors value the widget page is served with. Nothing listed: a public or unlisted
// lounge may be embedded anywhere, a private one nowhere.
import { z } from "zod";

export const MAX_EMBED_ORIGINS = 20;

/** An origin as a browser sends it: https (or http for local development), no path. */
export function normalizeOrigin(input: string): string | undefined {
  let url: URL;
  try { url = new URL(input.trim()); } catch { return undefined; }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username || url.password) return undefined;
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) return undefined;
  return url.origin;
}

export const embedOriginsBody = z.object({
  origins: z.array(z.string().max(200).transform((s, ctx) => {
    const origin = normalizeOrigin(s);
    if (!origin) {
      ctx.addIssue({ code: "custom", message: `"${s.slice(0, 60)}" is not an origin like https://example.com (no path).` });
      return z.NEVER;
    }
    return origin;
  })).max(MAX_EMBED_ORIGINS),
}).strict();
export type EmbedOriginsBody = z.input<typeof embedOriginsBody>;

export interface EmbedOriginsDto { loungeId: string; origins: string[]; visibility: string }

/** The CSP frame-ancestors sources for a lounge. */
export function frameAncestors(visibility: string, origins: readonly string[]): string {
  if (origins.length > 0) return ["'self'", ...origins].join(" ");
  return visibility === "private" ? "'none'" : "*";
}

/** May a page of `origin` embed the lounge? (What frame-ancestors will say, for a friendly refusal.) */
export function mayEmbed(visibility: string, origins: readonly string[], origin: string | undefined): boolean {
  if (origins.length > 0) return origin !== undefined && origins.includes(origin);
  return visibility !== "private";
}
