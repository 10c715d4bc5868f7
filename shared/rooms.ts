// Names of the room kinds this server defines, for `joinOrCreate(name, …)` and matchmaking queries.
// A mod's Room type names itself in its own module and registers under that name.
export const RoomName = {
  /** The built-in lounge: chat, avatars, listen-together, moderation. */
  lounge: "lounge",
  /** Colyseus' lobby: lists public lounges live. */
  lobby: "lobby",
} as const;
