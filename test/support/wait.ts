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

/**
 * Sends a request like a well-behaved client: refused with RATE_LIMITED, it waits the retryInMs the
 * server gave and sends it again. Any other refusal rejects as usual.
 */
export async function requestPaced<T = unknown>(client: { request<P, R>(type: string, payload: P): Promise<R> }, type: string, payload: unknown): Promise<T> {
  for (;;) {
    try {
      return await client.request<unknown, T>(type, payload);
    } catch (err) {
      const reason = (err as { reason?: ErrorPayload }).reason;
      if (reason?.code !== "RATE_LIMITED") throw err;
      await new Promise((r) => setTimeout(r, reason.retryInMs ?? 200));
    }
  }
}

/** What a patch barrier needs of the two clients (SDK rooms of a lounge). */
interface BarrierClient {
  sessionId: string;
  send(type: string, payload?: unknown): void;
  state: { players: { get(id: string): { typing: boolean } | undefined } };
}

/**
 * Resolves once `observer` holds every state change that what `sender` sent so far could have
 * caused: the room handles one client's messages in order and sends patches in order, so when the
 * observer sees the sender's typing flag go on and off again, any earlier change has arrived too.
 * Use it before asserting that something did *not* reach other people.
 */
export async function patchBarrier(sender: BarrierClient, observer: BarrierClient): Promise<void> {
  sender.send("chat:typing", { typing: true });
  await waitFor(() => observer.state.players.get(sender.sessionId)?.typing === true, { what: "the barrier's typing flag to show" });
  sender.send("chat:typing", { typing: false });
  await waitFor(() => observer.state.players.get(sender.sessionId)?.typing === false, { what: "the barrier's typing flag to clear" });
}
