// Vite's additions to `import.meta` and asset imports, for the browser code.
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set by the dev server: the lounge server's address, when the page does not come from it. */
  readonly VITE_LOUNGE_SERVER?: string;
}
