// One person in the lounge as drawn: their critter (facing and stepping as they walk), a shadow,
// their name, a typing indicator, speech bubbles and emotes. Text goes through Phaser Text, which
// paints characters on a canvas, so nothing anyone types is ever interpreted as markup.
import Phaser from "phaser";
import { type AvatarId, type Emote, avatarOr } from "../../shared/avatars.ts";
import type { Facing } from "../../shared/movement.ts";
import { AVATAR_BOX, drawAvatar } from "./avatar-art.ts";
import { MotionTimeline } from "./interpolation.ts";
import type { Motion } from "../../shared/movement.ts";
import { emoteGlyph } from "./emote-glyphs.ts";

const TEXTURE_RES = 3;
const AVATAR_SCALE = 1.05;
const steps = [0, 1, 0, -1];
const facings: Facing[] = ["down", "up", "left", "right"];


export interface PlayerLook { sessionId: string; name: string; avatar: string; motion: Motion; dir: string; typing: boolean; connected: boolean }

const textureKey = (id: AvatarId, facing: Facing, step: number) => `avatar:${id}:${facing}:${step}`;

function avatarIdOf(value: string): AvatarId {
  return avatarOr(value, "ghost");
}

/** Makes the textures of one avatar (every facing and step) the first time it is needed. */
function ensureTextures(scene: Phaser.Scene, id: AvatarId): void {
  if (scene.textures.exists(textureKey(id, "down", 0))) return;
  for (const facing of facings) for (const step of [-1, 0, 1]) {
    const canvas = document.createElement("canvas");
    canvas.width = AVATAR_BOX.width * TEXTURE_RES;
    canvas.height = AVATAR_BOX.height * TEXTURE_RES;
    const ctx = canvas.getContext("2d");
    if (!ctx) continue;
    drawAvatar(ctx, id, facing, step, canvas.width / 2, AVATAR_BOX.feetY * TEXTURE_RES, TEXTURE_RES);
    scene.textures.addCanvas(textureKey(id, facing, step), canvas);
  }
}

export class AvatarSprite {
  readonly container: Phaser.GameObjects.Container;
  readonly timeline: MotionTimeline;
  private readonly body: Phaser.GameObjects.Image;
  private readonly nameTag: Phaser.GameObjects.Text;
  private readonly typingDots: Phaser.GameObjects.Text;
  /** A ring on the floor around the avatar while its voice is heard, from its own level meter. */
  private readonly speakingRing: Phaser.GameObjects.Ellipse;
  private readonly mutedMark: Phaser.GameObjects.Graphics;
  private speakingPulse: Phaser.Tweens.Tween | undefined;
  private bubble: Phaser.GameObjects.Container | undefined;
  private bubbleText: string | undefined;
  /** Emotes still floating above the avatar. */
  private readonly emotesShown = new Set<Phaser.GameObjects.Text>();
  private bubbleTimer: Phaser.Time.TimerEvent | undefined;
  private avatar: AvatarId;
  private facing: Facing;
  private typing = false;
  private connected = true;
  /** The way the server says it faces; shown whenever it stands still (e.g. turned against a wall). */
  private serverFacing: Facing | undefined;
  /** Where it is drawn now (world px), for the camera and tests. */
  x: number;
  y: number;

  constructor(private readonly scene: Phaser.Scene, look: PlayerLook, private readonly isSelf: boolean, private readonly textRes: number) {
    this.avatar = avatarIdOf(look.avatar);
    this.facing = (facings as string[]).includes(look.dir) ? (look.dir as Facing) : "down";
    this.serverFacing = this.facing;
    ensureTextures(scene, this.avatar);
    this.x = look.motion.x;
    this.y = look.motion.y;
    this.timeline = new MotionTimeline(look.motion);
    const shadow = scene.add.ellipse(0, 0, 20, 7, 0x140810, 0.35);
    this.speakingRing = scene.add.ellipse(0, 0, 30, 12).setStrokeStyle(2, 0x6fe3c8, 0.95).setVisible(false);
    // Muted: a small speaker struck through, drawn (an emoji glyph shows as a box where no emoji font is installed).
    this.mutedMark = scene.add.graphics({ x: 0, y: -35 }).setVisible(false);
    this.mutedMark.fillStyle(0x1c101e, 0.82).fillRoundedRect(-7, -5, 14, 10, 3);
    this.mutedMark.fillStyle(0xfff6ec, 1).fillRect(-5, -1.5, 2, 3)
      .fillTriangle(-3, -1.5, 0, -3.5, 0, 3.5).fillTriangle(-3, -1.5, 0, 3.5, -3, 1.5);
    this.mutedMark.lineStyle(1.3, 0xff8a7a, 1).lineBetween(1.5, -2, 5, 2).lineBetween(1.5, 2, 5, -2);
    this.body = scene.add.image(0, 0, textureKey(this.avatar, this.facing, 0))
      .setOrigin(0.5, AVATAR_BOX.feetY / AVATAR_BOX.height)
      .setScale(AVATAR_SCALE / TEXTURE_RES);
    this.nameTag = scene.add.text(0, 5, look.name, {
      fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif", fontSize: "8px", fontStyle: "600",
      color: isSelf ? "#ffd98a" : "#fff6ec", backgroundColor: "rgba(28, 16, 30, 0.72)",
      padding: { x: 3, y: 1 }, resolution: textRes,
    }).setOrigin(0.5, 0);
    this.typingDots = scene.add.text(0, -38, "•••", {
      fontFamily: "system-ui, sans-serif", fontSize: "8px", color: "#3a2a35", backgroundColor: "#fff8ef",
      padding: { x: 3, y: 0 }, resolution: textRes,
    }).setOrigin(0.5, 1).setVisible(false);
    scene.tweens.add({ targets: this.typingDots, alpha: 0.45, duration: 500, yoyo: true, repeat: -1 });
    this.container = scene.add.container(this.x, this.y, [this.speakingRing, shadow, this.body, this.nameTag, this.typingDots, this.mutedMark]);
    this.container.setDepth(this.y);
    this.apply(look);
  }

  /** Name, avatar, typing and connection changes (positions go through `timeline`). */
  apply(look: PlayerLook): void {
    if (this.nameTag.text !== look.name) this.nameTag.setText(look.name);
    const id = avatarIdOf(look.avatar);
    if (id !== this.avatar) { this.avatar = id; ensureTextures(this.scene, id); }
    this.typing = look.typing;
    this.typingDots.setVisible(look.typing && !this.bubble);
    // Re-colouring re-renders the text: only when the connection state actually changed.
    if (look.connected !== this.connected) {
      this.connected = look.connected;
      this.container.setAlpha(look.connected ? 1 : 0.45);
      this.nameTag.setColor(look.connected ? (this.isSelf ? "#ffd98a" : "#fff6ec") : "#b9a9b4");
    }
  }

  /** Voice: the ring while speaking, a mark while muted; undefined when not in voice. */
  setVoice(voice: { speaking: boolean; muted: boolean } | undefined): void {
    const speaking = voice?.speaking ?? false;
    this.mutedMark.setVisible(voice?.muted ?? false);
    if (speaking === this.speakingRing.visible) return;
    this.speakingRing.setVisible(speaking);
    this.speakingPulse?.remove();
    this.speakingPulse = undefined;
    this.speakingRing.setScale(1).setAlpha(1);
    if (speaking) this.speakingPulse = this.scene.tweens.add({ targets: this.speakingRing, scale: 1.15, alpha: 0.6, duration: 380, yoyo: true, repeat: -1 });
  }

  /** Whether the speaking ring shows (for tests). */
  get speakingShown(): boolean { return this.speakingRing.visible; }

  /** Moves the drawing to where the timeline says at server time `at` (`now`: this page's clock, for the steps); true if it moved. */
  update(at: number, now: number): boolean {
    const pose = this.timeline.at(at);
    const moved = pose.x !== this.x || pose.y !== this.y;
    this.x = pose.x;
    this.y = pose.y;
    if (pose.moving && pose.facing) this.facing = pose.facing;
    else if (this.serverFacing) this.facing = this.serverFacing;
    else if (pose.facing) this.facing = pose.facing;
    const step = pose.moving ? steps[Math.floor(now / 130) % steps.length] : 0;
    this.body.setTexture(textureKey(this.avatar, this.facing, step));
    this.container.setPosition(pose.x, pose.y);
    this.container.setDepth(pose.y);
    return moved || pose.moving;
  }

  /** The facing the server reports. */
  face(dir: string): void {
    if ((facings as string[]).includes(dir)) this.serverFacing = dir as Facing;
  }

  say(text: string): void {
    this.clearBubble();
    const shown = text.length > 90 ? `${text.slice(0, 88)}…` : text;
    const label = this.scene.add.text(0, 0, shown, {
      fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif", fontSize: "7.5px", color: "#2d2030",
      wordWrap: { width: 110, useAdvancedWrap: true }, align: "center", resolution: this.textRes,
    }).setOrigin(0.5, 1);
    const w = label.width + 10, h = label.height + 6;
    const g = this.scene.add.graphics();
    g.fillStyle(0x000000, 0.18).fillRoundedRect(-w / 2 + 1, -h + 1, w, h, 5);
    g.fillStyle(0xfff8ef, 1).fillRoundedRect(-w / 2, -h, w, h, 5);
    g.fillTriangle(-4, -0.5, 4, -0.5, 0, 5);
    label.setPosition(0, -3);
    this.bubble = this.scene.add.container(0, -40, [g, label]);
    this.bubbleText = shown;
    this.container.add(this.bubble);
    this.typingDots.setVisible(false);
    this.bubble.setScale(0.6).setAlpha(0);
    this.scene.tweens.add({ targets: this.bubble, scale: 1, alpha: 1, duration: 160, ease: "Back.Out" });
    const ms = Math.min(8000, 3500 + shown.length * 45);
    this.bubbleTimer = this.scene.time.delayedCall(ms, () => {
      const b = this.bubble;
      if (!b) return;
      this.scene.tweens.add({ targets: b, alpha: 0, y: -46, duration: 300, onComplete: () => { if (this.bubble === b) this.clearBubble(); } });
    });
  }

  private clearBubble(): void {
    this.bubbleTimer?.remove();
    this.bubble?.destroy();
    this.bubble = undefined;
    this.bubbleText = undefined;
    this.typingDots.setVisible(this.typing);
  }

  /** What hangs over the avatar now: the speech bubble's text, and the emotes still in the air. */
  overhead(): { bubble: string | undefined; emotes: string[] } {
    return { bubble: this.bubbleText, emotes: [...this.emotesShown].map((t) => t.text) };
  }

  emote(emote: Emote): void {
    // Beside a speech bubble rather than on top of it.
    const x = this.bubble ? this.bubble.getBounds().width / 2 + 10 : 0;
    const glyph = this.scene.add.text(x, -34, emoteGlyph[emote], { fontSize: "16px", resolution: this.textRes }).setOrigin(0.5, 1);
    this.container.add(glyph);
    this.emotesShown.add(glyph);
    glyph.once(Phaser.GameObjects.Events.DESTROY, () => this.emotesShown.delete(glyph));
    glyph.setScale(0.4);
    this.scene.tweens.add({ targets: glyph, scale: 1, duration: 220, ease: "Back.Out" });
    this.scene.tweens.add({ targets: glyph, y: -62, alpha: 0, delay: 900, duration: 900, onComplete: () => glyph.destroy() });
  }

  destroy(): void {
    this.bubbleTimer?.remove();
    this.speakingPulse?.remove();
    this.container.destroy();
  }
}
