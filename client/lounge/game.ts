// Boots Phaser into a page element with the world scene. The canvas renders at the screen's pixel
// density (game size = CSS size × dpr, shown at 1/dpr) and follows the element's size.
import Phaser from "phaser";
import { WorldScene, type WorldSceneOptions } from "./world-scene.ts";

export interface LoungeGame {
  scene: WorldScene;
  destroy(): void;
}

/**
 * True when WebGL would run on the CPU (no usable GPU: SwiftShader, llvmpipe). Every WebGL frame
 * is then read back for compositing, which costs far more than drawing with Canvas 2D.
 */
function webglIsSoftware(): boolean {
  const gl = document.createElement("canvas").getContext("webgl");
  if (!gl) return true;
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : "";
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
}

/**
 * Which renderer to use: `?renderer=webgl` or `?renderer=canvas` in the page's address decides
 * (to try one, or to check WebGL without a GPU); otherwise WebGL, unless it would run in software.
 */
export function rendererType(search: string, softwareWebgl: () => boolean): number {
  const asked = new URLSearchParams(search).get("renderer");
  if (asked === "webgl") return Phaser.WEBGL;
  if (asked === "canvas") return Phaser.CANVAS;
  return softwareWebgl() ? Phaser.CANVAS : Phaser.AUTO;
}

export function startGame(parent: HTMLElement, options: Omit<WorldSceneOptions, "dpr">): LoungeGame {
  const dpr = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  const scene = new WorldScene({ ...options, dpr });
  const size = () => ({ w: Math.max(1, parent.clientWidth), h: Math.max(1, parent.clientHeight) });
  const { w, h } = size();
  const game = new Phaser.Game({
    type: rendererType(window.location.search, webglIsSoftware),
    parent,
    width: w * dpr,
    height: h * dpr,
    backgroundColor: "#1b1220",
    scale: { mode: Phaser.Scale.NONE, zoom: 1 / dpr },
    // The keyboard belongs to the page (chat input, walk keys handled in the DOM), not to Phaser.
    input: { keyboard: false },
    banner: false,
    audio: { noAudio: true },
    scene,
  });
  const observer = new ResizeObserver(() => {
    const s = size();
    game.scale.resize(s.w * dpr, s.h * dpr);
  });
  observer.observe(parent);
  return {
    scene,
    destroy() {
      observer.disconnect();
      game.destroy(true);
    },
  };
}
