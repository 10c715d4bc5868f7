// The voice controls: a button in the top bar and the panel it opens. Joining explains why the
// microphone is needed before the browser asks; then mute, push-to-talk (hold V), leave, who you
// are linked with (and a Retry for a link that failed), and plain words for every problem.
import { icon } from "./icons.ts";
import type { VoiceMesh, PeerView } from "../voice/voice-mesh.ts";
import { microphoneAlreadyAllowed } from "../voice/microphone.ts";
import { el } from "./element.ts";

export interface VoicePanelDeps {
  mesh: VoiceMesh;
  nameOf(sessionId: string): string;
  /** How many others are in the lounge's voice now. */
  othersInVoice(): number;
}

const PUSH_TO_TALK_KEY = "KeyV";
const stateWords: Record<PeerView["state"], string> = { connecting: "connecting…", connected: "connected", failed: "failed" };

function typingInField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

export class VoicePanel {
  readonly toggle = el("button", { class: "icon-button voice-toggle", type: "button", "aria-label": "Voice", "aria-expanded": "false", "data-state": "off" }, icon("mic"));
  readonly panel = el("section", { class: "voice-panel card", "aria-label": "Voice chat", hidden: true });
  private readonly intro = el("p", { class: "muted small" }, "Talk with the people standing near you: the six nearest hear you, and voices fade as avatars walk apart.");
  private readonly join = el("button", { class: "button primary", type: "button" }, "Join voice");
  private readonly why = el("div", { class: "voice-why", hidden: true },
    el("p", {}, "Voice needs your microphone so the people near your avatar can hear you. Your browser asks next; audio goes straight to their browsers and is never recorded."));
  private readonly allow = el("button", { class: "button primary", type: "button" }, "Allow microphone");
  private readonly notNow = el("button", { class: "button", type: "button" }, "Not now");
  private readonly status = el("p", { class: "voice-status", role: "status" });
  private readonly problem = el("p", { class: "voice-error", role: "alert", hidden: true });
  private readonly tryAgain = el("button", { class: "button", type: "button", hidden: true }, "Try again");
  private readonly enableSound = el("button", { class: "button", type: "button", hidden: true }, "Turn on sound");
  private readonly mute = el("button", { class: "button", type: "button", "aria-pressed": "false" }, "Mute microphone");
  private readonly pushToTalk = el("input", { type: "checkbox" });
  private readonly leave = el("button", { class: "button small", type: "button" }, "Leave voice");
  private readonly controls = el("div", { class: "voice-controls", hidden: true });
  private readonly peerList = el("ul", { class: "voice-peers" });
  private peerSignature = "";
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly deps: VoicePanelDeps) {
    const { mesh } = deps;
    this.why.append(this.allow, " ", this.notNow);
    this.controls.append(this.mute, el("label", { class: "voice-ptt" }, this.pushToTalk, " Push to talk (hold V)"), this.leave, this.peerList);
    this.panel.append(el("h2", {}, "Voice chat"), this.intro, this.why, this.status, this.problem, this.tryAgain, this.enableSound, this.join, this.controls);
    this.toggle.addEventListener("click", () => this.setOpen(this.panel.hidden !== false));
    this.join.addEventListener("click", () => { void this.askThenStart(); });
    this.allow.addEventListener("click", () => { this.why.hidden = true; void mesh.start(); });
    this.notNow.addEventListener("click", () => { this.why.hidden = true; this.render(); });
    this.tryAgain.addEventListener("click", () => { void mesh.start(); });
    this.enableSound.addEventListener("click", () => mesh.resumeAudio());
    this.mute.addEventListener("click", () => mesh.setMuted(!mesh.isMuted));
    this.pushToTalk.addEventListener("change", () => mesh.setPushToTalk(this.pushToTalk.checked));
    this.leave.addEventListener("click", () => mesh.stop());
    this.cleanups.push(mesh.on("change", () => this.render()), this.installTalkKey());
    this.render();
  }

  setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.toggle.setAttribute("aria-expanded", String(open));
  }

  /** Explains first, unless the browser already lets this site use the microphone. */
  private async askThenStart(): Promise<void> {
    if (await microphoneAlreadyAllowed()) { void this.deps.mesh.start(); return; }
    this.why.hidden = false;
    this.join.hidden = true;
    this.intro.hidden = true;
    this.allow.focus();
  }

  private installTalkKey(): () => void {
    const key = (down: boolean) => (e: KeyboardEvent) => {
      if (e.code !== PUSH_TO_TALK_KEY || !this.deps.mesh.isPushToTalk || (down && (typingInField(e.target) || e.repeat))) return;
      this.deps.mesh.talkKey(down);
    };
    const down = key(true), up = key(false);
    const blur = () => this.deps.mesh.talkKey(false);
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    window.addEventListener("blur", blur);
    return () => { window.removeEventListener("keydown", down); window.removeEventListener("keyup", up); window.removeEventListener("blur", blur); };
  }

  private render(): void {
    const { mesh } = this.deps;
    const s = mesh.status;
    const explaining = this.why.hidden === false;
    this.join.hidden = s.kind !== "off" || explaining;
    this.intro.hidden = s.kind !== "off" || explaining;
    this.controls.hidden = s.kind !== "on";
    this.problem.hidden = s.kind !== "error";
    this.tryAgain.hidden = s.kind !== "error";
    this.enableSound.hidden = !(s.kind === "on" && mesh.audioBlocked);
    if (s.kind === "error") this.problem.textContent = s.message;
    this.status.textContent = this.statusWords();
    this.status.hidden = this.status.textContent === "";
    this.mute.textContent = mesh.isMuted ? "Unmute microphone" : "Mute microphone";
    this.mute.setAttribute("aria-pressed", String(mesh.isMuted));
    this.pushToTalk.checked = mesh.isPushToTalk;
    const state = s.kind === "on" ? (mesh.isMuted ? "muted" : mesh.transmitting ? "live" : "ptt") : s.kind;
    this.toggle.dataset.state = state;
    this.toggle.setAttribute("aria-label", s.kind === "on" ? `Voice (${mesh.isMuted ? "muted" : "on"})` : "Voice");
    this.renderPeers(s.kind === "on" ? mesh.peers() : []);
  }

  private statusWords(): string {
    const { mesh } = this.deps;
    const s = mesh.status;
    if (s.kind === "starting") return "Starting voice…";
    if (s.kind !== "on") return "";
    const prefix = mesh.isMuted ? "Muted. " : mesh.isPushToTalk && !mesh.transmitting ? "Hold V to talk. " : "";
    if (this.deps.othersInVoice() === 0) return `${prefix}You are in voice. Nobody else is yet.`;
    const near = mesh.inEarshot();
    if (near === 0) return `${prefix}Nobody within earshot: walk up to someone to talk.`;
    return `${prefix}Talking with ${near} ${near === 1 ? "person" : "people"} nearby.`;
  }

  private renderPeers(peers: PeerView[]): void {
    const signature = peers.map((p) => `${p.id}:${p.state}`).join(",");
    if (signature !== this.peerSignature) {
      this.peerSignature = signature;
      this.peerList.replaceChildren(...peers.map((p) => {
        const item = el("li", { class: "voice-peer", "data-peer": p.id, "data-state": p.state },
          el("span", { class: "voice-peer-name" }, this.deps.nameOf(p.id)), " ",
          el("span", { class: "voice-peer-state" }, stateWords[p.state]),
          el("span", { class: "voice-peer-volume", "aria-hidden": "true" }));
        if (p.state === "failed") {
          const retry = el("button", { class: "button small", type: "button", title: p.error ?? "" }, "Retry");
          retry.addEventListener("click", () => this.deps.mesh.retry(p.id));
          item.append(" ", retry);
        }
        return item;
      }));
    }
    for (const p of peers) {
      const bar = this.peerList.querySelector<HTMLElement>(`[data-peer="${CSS.escape(p.id)}"] .voice-peer-volume`);
      bar?.style.setProperty("--volume", p.volume.toFixed(2));
      if (bar) bar.title = p.volume > 0 ? `${Math.round(p.volume * 100)} % volume` : "out of earshot";
    }
  }

  destroy(): void {
    for (const c of this.cleanups.splice(0)) c();
    this.panel.remove();
  }
}
