import assert from "node:assert/strict";
import { afterFailedReconnect, isFinalRefusal, SEAT_NOTICE_GRACE_MS } from "../../client/net/seat-recovery.ts";
import { JoinErrorCode } from "../../shared/join-errors.ts";

describe("getting back in after a drop (client/net/seat-recovery.ts)", () => {
  it("keeps asking for the held seat while the server cannot be reached", () => {
    assert.equal(afterFailedReconnect(undefined, 1000), "retry");
    assert.equal(afterFailedReconnect(undefined, 60_000), "retry");
  });

  it("takes a new seat at once when the room is gone or holds no seat for us (a killed process, a moved lounge)", () => {
    assert.equal(afterFailedReconnect(522, 500), "rejoin");
    assert.equal(afterFailedReconnect(524, 500), "rejoin");
  });

  it("waits out other answers (the dead process not yet found) for a while, then takes a new seat", () => {
    assert.equal(afterFailedReconnect(523, 2000), "retry");
    assert.equal(afterFailedReconnect(523, SEAT_NOTICE_GRACE_MS + 1), "rejoin");
  });

  it("gives up a rejoin only for refusals that will not pass by themselves", () => {
    for (const code of [JoinErrorCode.BANNED, JoinErrorCode.LOUNGE_NOT_FOUND, JoinErrorCode.INVITE_REQUIRED, JoinErrorCode.SESSION_EXPIRED]) {
      assert.equal(isFinalRefusal(code), true, String(code));
    }
    for (const code of [522, 523, 524, JoinErrorCode.LOUNGE_FULL, JoinErrorCode.TOO_MANY_RESERVATIONS, JoinErrorCode.WAIT_AFTER_FLOODING]) {
      assert.equal(isFinalRefusal(code), false, String(code));
    }
  });
});
