// The lounge server's HTTP API, typed with the shapes in shared/api.ts. Errors become ApiFailure
// carrying the server's code and sentence, or a plain "cannot reach the server" when offline.
import type { ApiError, ChatPageDto, CreateLoungeBody, LoungeDto } from "../../shared/api.ts";

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = "ApiFailure";
  }
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error: unknown = value.error;
  return typeof error === "object" && error !== null && "message" in error && typeof error.message === "string";
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}) } });
  } catch {
    throw new ApiFailure(0, "OFFLINE", "Cannot reach the lounge server; check your connection.");
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (isApiError(body)) throw new ApiFailure(res.status, body.error.code, body.error.message);
    throw new ApiFailure(res.status, "HTTP_" + res.status, `The server answered ${res.status}; try again shortly.`);
  }
  return body as T;
}

export const api = {
  listLounges: () => call<{ lounges: LoungeDto[] }>("/api/lounges").then((r) => r.lounges),
  getLounge: (id: string) => call<LoungeDto>(`/api/lounges/${encodeURIComponent(id)}`),
  createLounge: (body: CreateLoungeBody) => call<LoungeDto>("/api/lounges", { method: "POST", body: JSON.stringify(body) }),
  chatPage: (id: string, before: number | undefined, limit = 50) => {
    const q = new URLSearchParams({ limit: String(limit) });
    if (before !== undefined) q.set("before", String(before));
    return call<ChatPageDto>(`/api/lounges/${encodeURIComponent(id)}/messages?${q}`);
  },
};

/** Where Colyseus is: this page's origin, or the lounge server beside the Vite dev server. */
export function loungeServerUrl(): string {
  return import.meta.env.VITE_LOUNGE_SERVER ?? window.location.origin;
}
