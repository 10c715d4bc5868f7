// A responsiveness probe: one small HTTP request to the server at a time, every `everyMs`. The
// route is an unknown /api path, answered 404 without touching the database, so its round trip
// is mostly the time the request waits for the server's event loop: long ones reveal stalls.

export interface HttpProbe {
  /** Stops probing and returns every round trip (ms); a request still waiting counts as its wait so far. */
  stop(): number[];
}

export function startHttpProbe(url: string, everyMs: number): HttpProbe {
  const roundTrips: number[] = [];
  let stopped = false;
  let waitingSince: number | undefined;
  const loop = async () => {
    while (!stopped) {
      const started = performance.now();
      waitingSince = started;
      try {
        const res = await fetch(`${url}/api/bench-probe`, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
      } catch {
        // a timeout is recorded like any other round trip
      }
      waitingSince = undefined;
      const took = performance.now() - started;
      if (!stopped) roundTrips.push(took);
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - took)));
    }
  };
  void loop();
  return {
    stop() {
      stopped = true;
      if (waitingSince !== undefined) roundTrips.push(performance.now() - waitingSince);
      return roundTrips;
    },
  };
}
