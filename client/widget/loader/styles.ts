// The loader's own styles, kept inside its shadow root so neither page's CSS reaches the other.
export const loaderCss = `
:host{all:initial}
.cl-launcher{position:fixed;z-index:2147483000;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;
background:var(--cl-accent,#f2a65a);color:#241b2f;box-shadow:0 6px 20px rgba(0,0,0,.3);display:grid;place-items:center;padding:0}
.cl-launcher svg{width:28px;height:28px}
.cl-panel{position:fixed;z-index:2147483000;box-shadow:0 12px 40px rgba(0,0,0,.35);border-radius:14px;overflow:hidden;background:#241b2f;
transition:opacity .15s ease,transform .15s ease}
.cl-panel[hidden]{display:block;opacity:0;transform:translateY(8px);pointer-events:none;visibility:hidden}
@media (prefers-reduced-motion:reduce){.cl-panel{transition:none}}
@media (max-width:520px){.cl-panel{inset:0 0 76px 0!important;width:auto!important;height:auto!important;border-radius:0}}
`;

export function adopt(root: ShadowRoot): void {
  // A constructed sheet is not an inline <style>, so strict host CSPs leave it alone.
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet.prototype.replaceSync === "function") {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(loaderCss);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = loaderCss;
    (root as ShadowRoot).append(style);
  }
}
