// Who this browser is signed in as: loaded once from `GET /api/auth/me` (which also hands a guest
// the cookie that bans and mutes hold on to), changed by signing up, in or out, and by editing the
// profile. Pages read `session.user` and listen for "change".
import type { LoginBody, ProfileBody, RegisterBody, UserDto } from "../../shared/accounts.ts";
import { api } from "./api.ts";
import { Emitter } from "./emitter.ts";

export class Session extends Emitter<{ change: [UserDto | null] }> {
  private current: UserDto | null = null;
  private loading: Promise<UserDto | null> | undefined;

  get user(): UserDto | null { return this.current; }

  /** The signed-in user (null for a guest); asks the server the first time, or again with `fresh`. */
  load(fresh = false): Promise<UserDto | null> {
    if (!this.loading || fresh) {
      // Unreachable server: carry on as a guest; joins and forms will say what is wrong.
      this.loading = api.me().then((s) => this.set(s.user), () => this.current);
    }
    return this.loading;
  }

  async signUp(body: RegisterBody): Promise<UserDto | null> {
    return this.set((await api.register(body)).user);
  }

  async signIn(body: LoginBody): Promise<UserDto | null> {
    return this.set((await api.login(body)).user);
  }

  async signOut(): Promise<void> {
    await api.logout();
    this.set(null);
  }

  /** Ends every session of the account (other browsers too); resolves with how many ended. */
  async signOutEverywhere(): Promise<number> {
    const { ended } = await api.logoutEverywhere();
    this.set(null);
    return ended;
  }

  async updateProfile(patch: ProfileBody): Promise<UserDto> {
    const user = await api.updateProfile(patch);
    this.set(user);
    return user;
  }

  private set(user: UserDto | null): UserDto | null {
    this.current = user;
    this.loading = Promise.resolve(user);
    this.emit("change", user);
    return user;
  }
}

/** The page's one session. */
export const session = new Session();
