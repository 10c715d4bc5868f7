// Preloaded into a bench server process (`node --expose-gc --import bench/gc-hook.ts …`): SIGWINCH
// runs a full garbage collection and prints one line `{"benchMemory":{…process.memoryUsage()}}`,
// so the bench reads memory after a collection rather than whenever V8 last ran one. (Not
// SIGUSR2: Colyseus shuts down on it, for nodemon. SIGWINCH is ignored by default.) Nothing else
// changes in the server.
process.on("SIGWINCH", () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stderr.write(`${JSON.stringify({ benchMemory: process.memoryUsage() })}\n`);
});
