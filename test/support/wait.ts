// Await a concrete condition instead of sleeping, and read what a refused request said.
import type { ErrorPayload } from "../../shared/errors.ts";

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, opts: { timeout?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeout ?? 5000);
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what ?? "a condition"}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves with the next `type` message the SDK room receives, or rejects after `timeout`. */
export function nextMessage<T = unknown>(room: { onMessage(type: string, cb: (p: T) => void): () => void }, type: string, timeout = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`no "${type}" message within ${timeout} ms`)); }, timeout);
    const off = room.onMessage(type, (payload) => { clearTimeout(timer); off(); resolve(payload); });
  });
}

/** The ErrorPayload a refused request rejected with. */
export async function refusal(p: Promise<unknown>): Promise<ErrorPayload> {
  try {
    await p;
  } catch (err) {
    return (err as { reason?: ErrorPayload }).reason ?? (err as ErrorPayload);
  }
  throw new Error("expected a refusal");
}
