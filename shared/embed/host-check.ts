// The loader's check of what the widget sends: the shapes of ./protocol.ts's widgetEvent, written
// out by hand because zod (even zod/mini, ~6 KB gzip) would not fit embed.js's 5 KB budget.
// test/unit/embed-protocol.test.ts feeds both the same good and bad messages.
import type { WidgetEvent } from "./protocol.ts";

type Field = "string" | "number" | "boolean" | "string|null" | "people";
const shapes: Record<string, Record<string, Field>> = {
  ready: {},
  joined: { loungeId: "string", sessionId: "string", name: "string" },
  message: { id: "number", author: "string", text: "string", at: "number", self: "boolean" },
  people: { people: "people" },
  nowPlaying: { title: "string|null", artist: "string|null", status: "string" },
  error: { code: "string", message: "string" },
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

function fits(value: unknown, field: Field): boolean {
  switch (field) {
    case "string|null": return value === null || typeof value === "string";
    case "number": return typeof value === "number" && Number.isFinite(value);
    case "people": return Array.isArray(value) && value.every((p) => isObject(p) && Object.keys(p).length === 3
      && typeof p.sessionId === "string" && typeof p.name === "string" && typeof p.avatar === "string");
    default: return typeof value === field;
  }
}

/** Why `data` is not a widget event of this version, or undefined when it is one. */
export function widgetEventProblem(data: unknown): string | undefined {
  if (!isObject(data)) return "not an object";
  if (data.v !== 1) return `unknown version ${String(data.v).slice(0, 20)}`;
  const shape = typeof data.type === "string" && Object.hasOwn(shapes, data.type) ? shapes[data.type] : undefined;
  if (!shape) return `unknown type ${String(data.type).slice(0, 40)}`;
  for (const key of Object.keys(data)) {
    if (key !== "v" && key !== "type" && !Object.hasOwn(shape, key)) return `unexpected field ${key.slice(0, 40)}`;
  }
  for (const [key, field] of Object.entries(shape)) {
    if (!fits(data[key], field)) return `bad field ${key}`;
  }
  return undefined;
}

export function isWidgetEvent(data: unknown): data is WidgetEvent {
  return widgetEventProblem(data) === undefined;
}
