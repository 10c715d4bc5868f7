// Icons as inline SVG, so buttons show the same shapes everywhere: emoji glyphs show as empty
// boxes where no emoji font is installed. Built with DOM calls (no markup strings).
export type IconName = "play" | "pause" | "skip" | "thumbDown" | "volume" | "mute" | "send" | "people" | "external" | "close" | "music"
  | "wave" | "heart" | "laugh" | "clap" | "sleep" | "upload" | "headphones" | "link" | "plus" | "mic";

const SVG = "http://www.w3.org/2000/svg";
/** Each icon: path data on a 24×24 grid; "f:" paths are filled, others stroked. */
const paths: Record<IconName, string[]> = {
  play: ["f:M7 4.5v15l12-7.5z"],
  pause: ["f:M6 4h4.5v16H6zM13.5 4H18v16h-4.5z"],
  skip: ["f:M5 4.5v15l10-7.5zM16.5 4.5H19v15h-2.5z"],
  thumbDown: ["M10 15v4a3 3 0 0 0 3 3l4-9V2H5.7a2 2 0 0 0-2 1.7l-1.4 9A2 2 0 0 0 4.3 15zM17 2h3v11h-3"],
  volume: ["f:M4 9h4l5-4v14l-5-4H4z", "M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"],
  mute: ["f:M4 9h4l5-4v14l-5-4H4z", "M16.5 9.5l5 5M21.5 9.5l-5 5"],
  send: ["f:M3 20.5l18-8.5L3 3.5l2.5 8.5zM5.5 12H12"],
  people: ["M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21a7 7 0 0 1 14 0M16 3.5a4 4 0 0 1 0 7.5M18 14a6 6 0 0 1 4 7"],
  external: ["M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"],
  close: ["M6 6l12 12M18 6L6 18"],
  music: ["M9 18V5l11-2v13", "f:M6 21a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM17 19a3 3 0 1 0 0-6 3 3 0 0 0 0 6z"],
  wave: ["M7 11V5.5a1.5 1.5 0 0 1 3 0V11M10 10V4a1.5 1.5 0 0 1 3 0v7M13 10.5V5a1.5 1.5 0 0 1 3 0v8M16 11a1.5 1.5 0 0 1 3 0v3a8 8 0 0 1-8 8 7 7 0 0 1-6-3.5L2.6 14a1.5 1.5 0 0 1 2.6-1.5L7 15", "M2 4.5a6 6 0 0 1 3-2.5M19 20.5a6 6 0 0 0 3-2.5"],
  heart: ["f:M12 21s-8.5-5.2-8.5-11.3A4.7 4.7 0 0 1 12 6.8a4.7 4.7 0 0 1 8.5 2.9C20.5 15.8 12 21 12 21z"],
  laugh: ["M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM7 9.5l2 1-2 1M17 9.5l-2 1 2 1", "f:M7 14h10a5 5 0 0 1-10 0z"],
  clap: ["M8.5 14.5l-4-4a1.4 1.4 0 0 1 2-2l3.5 3.5M7 9.5l-1-1a1.4 1.4 0 0 1 2-2l4 4M10.5 8l-1-1a1.4 1.4 0 0 1 2-2l5 5a6 6 0 0 1-8.5 8.5L4 13.5a1.4 1.4 0 0 1 2-2l2.5 2.5", "M17 3l1-2M20 6l2-1M19.5 9.5h2"],
  sleep: ["M4 4h6l-6 7h6M13 10h5l-5 6h5M18 2.5h3.5L18 7h3.5"],
  upload: ["M12 16V4M6.5 9.5L12 4l5.5 5.5M4 20h16"],
  link: ["M10 13.5a4.5 4.5 0 0 0 6.4.4l3-3a4.5 4.5 0 0 0-6.4-6.3l-1.6 1.6M14 10.5a4.5 4.5 0 0 0-6.4-.4l-3 3a4.5 4.5 0 0 0 6.4 6.3l1.6-1.6"],
  plus: ["M12 5v14M5 12h14"],
  headphones: ["M3 18v-6a9 9 0 0 1 18 0v6", "f:M3 14h4v7H4a1 1 0 0 1-1-1zM21 14h-4v7h3a1 1 0 0 0 1-1z"],
  mic: ["f:M12 2.5a3.5 3.5 0 0 1 3.5 3.5v5a3.5 3.5 0 0 1-7 0V6A3.5 3.5 0 0 1 12 2.5z", "M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7"],
};

/** An inline SVG icon, hidden from screen readers (the button carries the words). */
export function icon(name: IconName, size = 18): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", `icon icon-${name}`);
  svg.setAttribute("focusable", "false");
  for (const d of paths[name]) {
    const path = document.createElementNS(SVG, "path");
    const filled = d.startsWith("f:");
    path.setAttribute("d", filled ? d.slice(2) : d);
    path.setAttribute("fill", filled ? "currentColor" : "none");
    if (!filled) {
      path.setAttribute("stroke", "currentColor");
      path.setAttribute("stroke-width", "2");
      path.setAttribute("stroke-linecap", "round");
      path.setAttribute("stroke-linejoin", "round");
    }
    svg.append(path);
  }
  return svg;
}
