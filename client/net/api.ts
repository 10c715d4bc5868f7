// The lounge server's HTTP API, typed with the shapes in shared/. Errors become ApiFailure carrying
// the server's code and sentence (and, for 429, how many seconds to wait), or a plain "cannot
// reach the server" when offline.
import type { ApiError, ChatPageDto, CreateLoungeBody, LoungeDto } from "../../shared/api.ts";
import type { LoginBody, ProfileBody, RegisterBody, SessionDto, UserDto } from "../../shared/accounts.ts";
import type { EmbedOriginsDto } from "../../shared/embed/allowlist.ts";
import type { AssignableRole, AuditEntryDto, BanDto, CreateInviteBody, InviteDto, MemberDto, Role } from "../../shared/moderation.ts";

/** The words of an error for people: the server's sentence for an ApiFailure, else the message. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly retryAfterSeconds?: number) {
    super(message);
    this.name = "ApiFailure";
  }
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error: unknown = value.error;
  return typeof error === "object" && error !== null && "message" in error && typeof error.message === "string";
}

/** Seconds to wait from a 429: the body's `retryAfterSeconds`, else the Retry-After header. */
export function retryAfterOf(body: unknown, header: string | null): number | undefined {
  const error: unknown = typeof body === "object" && body !== null && "error" in body ? body.error : undefined;
  const fromBody = typeof error === "object" && error !== null && "retryAfterSeconds" in error ? error.retryAfterSeconds : undefined;
  if (typeof fromBody === "number" && Number.isFinite(fromBody) && fromBody > 0) return Math.ceil(fromBody);
  const fromHeader = header === null ? NaN : Number(header);
  return Number.isFinite(fromHeader) && fromHeader > 0 ? Math.ceil(fromHeader) : undefined;
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}) } });
  } catch {
    throw new ApiFailure(0, "OFFLINE", "Cannot reach the lounge server; check your connection.");
  }
  const body: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) {
    const retry = res.status === 429 ? retryAfterOf(body, res.headers.get("retry-after")) : undefined;
    if (isApiError(body)) throw new ApiFailure(res.status, body.error.code, body.error.message, retry);
    throw new ApiFailure(res.status, "HTTP_" + res.status, `The server answered ${res.status}; try again shortly.`, retry);
  }
  return body as T;
}

const post = (body?: unknown): RequestInit => ({ method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });
const lounge = (id: string) => `/api/lounges/${encodeURIComponent(id)}`;

export interface MyLounge { lounge: LoungeDto; role: Role }

export const api = {
  listLounges: () => call<{ lounges: LoungeDto[] }>("/api/lounges").then((r) => r.lounges),
  /** A private lounge shows itself to members, or to someone holding a working invite code. */
  getLounge: (id: string, inviteCode?: string) => call<LoungeDto>(lounge(id) + (inviteCode ? `?invite=${encodeURIComponent(inviteCode)}` : "")),
  createLounge: (body: CreateLoungeBody) => call<LoungeDto>("/api/lounges", post(body)),
  /** Older messages, newest first; a private lounge's page needs membership or the invite. */
  chatPage: (id: string, before: number | undefined, limit = 50, inviteCode?: string) => {
    const q = new URLSearchParams({ limit: String(limit) });
    if (before !== undefined) q.set("before", String(before));
    if (inviteCode) q.set("invite", inviteCode);
    return call<ChatPageDto>(`${lounge(id)}/messages?${q}`);
  },

  // ---- accounts ----
  me: () => call<SessionDto>("/api/auth/me"),
  register: (body: RegisterBody) => call<SessionDto>("/api/auth/register", post(body)),
  login: (body: LoginBody) => call<SessionDto>("/api/auth/login", post(body)),
  logout: () => call<undefined>("/api/auth/logout", post()),
  logoutEverywhere: () => call<{ ended: number }>("/api/auth/logout-all", post()),
  updateProfile: (body: ProfileBody) => call<{ user: UserDto }>("/api/me", { method: "PATCH", body: JSON.stringify(body) }).then((r) => r.user),
  myLounges: () => call<{ lounges: MyLounge[] }>("/api/me/lounges").then((r) => r.lounges),

  // ---- running a lounge ----
  invites: (id: string) => call<{ invites: InviteDto[] }>(`${lounge(id)}/invites`).then((r) => r.invites),
  createInvite: (id: string, body: CreateInviteBody) => call<InviteDto>(`${lounge(id)}/invites`, post(body)),
  revokeInvite: (id: string, code: string) => call<InviteDto>(`${lounge(id)}/invites/${encodeURIComponent(code)}`, { method: "DELETE" }),
  members: (id: string) => call<{ members: MemberDto[] }>(`${lounge(id)}/members`).then((r) => r.members),
  setMemberRole: (id: string, userId: string, role: AssignableRole) =>
    call<MemberDto>(`${lounge(id)}/members/${encodeURIComponent(userId)}`, { method: "PUT", body: JSON.stringify({ role }) }),
  removeMember: (id: string, userId: string) => call<undefined>(`${lounge(id)}/members/${encodeURIComponent(userId)}`, { method: "DELETE" }),
  bans: (id: string) => call<{ bans: BanDto[] }>(`${lounge(id)}/bans`).then((r) => r.bans),
  unban: (id: string, banId: number) => call<undefined>(`${lounge(id)}/bans/${banId}`, { method: "DELETE" }),
  embedOrigins: (id: string) => call<EmbedOriginsDto>(`${lounge(id)}/embed-origins`),
  setEmbedOrigins: (id: string, origins: string[]) => call<EmbedOriginsDto>(`${lounge(id)}/embed-origins`, { method: "PUT", body: JSON.stringify({ origins }) }),
  auditLog: (id: string) => call<{ entries: AuditEntryDto[] }>(`${lounge(id)}/audit`).then((r) => r.entries),
};

/** Where Colyseus is: this page's origin, or the lounge server beside the Vite dev server. */
export function loungeServerUrl(): string {
  return import.meta.env.VITE_LOUNGE_SERVER ?? window.location.origin;
}
