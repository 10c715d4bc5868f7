// Text placed into server-rendered HTML (the embed demo, the operator page).

/** Escapes text for an HTML element's content or a quoted attribute. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
