// The operator's view: GET /api/operator/overview (JSON) and the page /operator, for signed-in
// accounts whose username is listed in OPERATORS; anyone else gets a 401 or 403 saying why.
import { Router, type Request } from "express";
import type { Config } from "../config.ts";
import type { UserRow } from "../db/schema.ts";
import { requireUser } from "../auth/request-auth.ts";
import { HttpError } from "./errors.ts";
import { operatorOverview } from "./operator-overview.ts";
import { operatorPage, refusalPage } from "./operator-page.ts";

export interface OperatorRouteOptions {
  config: Config;
  loungeKinds: readonly string[];
}

/** The signed-in operator, or the HttpError (401 or 403) that says why not. */
function requireOperator(req: Request, config: Config): UserRow {
  const user = requireUser(req, "see the operator's overview");
  if (config.OPERATORS.includes(user.username.toLowerCase())) return user;
  if (config.OPERATORS.length === 0) {
    throw new HttpError(403, "NOT_AN_OPERATOR", "This server has no operators yet: list operators' usernames in the OPERATORS setting (see the README) and restart it.");
  }
  throw new HttpError(403, "NOT_AN_OPERATOR", `The account "${user.username}" is not one of this server's operators (the OPERATORS setting); ask whoever runs the server.`);
}

/** Mounted under /api. */
export function operatorApiRoutes(opts: OperatorRouteOptions): Router {
  const router = Router();
  router.get("/operator/overview", async (req, res) => {
    requireOperator(req, opts.config);
    res.setHeader("Cache-Control", "no-store");
    res.json(await operatorOverview(opts.loungeKinds));
  });
  return router;
}

/** Mounted at /operator, after the session is resolved. */
export function operatorPageRoutes(opts: OperatorRouteOptions): Router {
  const router = Router();
  router.get("/", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    let operator: UserRow;
    try {
      operator = requireOperator(req, opts.config);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      res.status(err.status).type("html").send(refusalPage(err.status, err.message));
      return;
    }
    res.type("html").send(operatorPage(await operatorOverview(opts.loungeKinds), operator.username));
  });
  return router;
}
