// Building DOM by hand, safely: text always goes in as textContent, never as markup.

type Attrs = Record<string, string | number | boolean | undefined>;

/** `el("button", { class: "x", type: "button" }, "Send")`; children are nodes or plain text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** A stable warm colour for a name, so each person's name looks the same everywhere. */
export function nameColor(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  const hues = [18, 32, 45, 150, 175, 195, 280, 320, 345];
  return `hsl(${hues[h % hues.length]} 75% 72%)`;
}

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
