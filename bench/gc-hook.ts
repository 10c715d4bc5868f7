// Preloaded into a bench server process (`node --expose-gc --import bench/gc-hook.ts …`): SIGWINCH
// runs a full garbage collection, so the bench reads its memory after one rather than whenever V8
// last collected. (Not SIGUSR2: Colyseus shuts down on it, for nodemon. SIGWINCH is ignored by
// default.) Nothing else changes in the server.
process.on("SIGWINCH", () => {
  (globalThis as { gc?: () => void }).gc?.();
});
