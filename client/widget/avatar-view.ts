// One person in the widget's Pixi scene: the lounge's own avatar art (as textures), a name label
// and a speech bubble that stay the same size on screen whatever the zoom.
import { Container, Graphics, Sprite, Text, Texture } from "pixi.js";
import { avatarCanvas, AVATAR_BOX } from "../lounge/avatar-art.ts";
import { avatarOr } from "../../shared/avatars.ts";
import type { Facing } from "../../shared/movement.ts";
import type { Palette } from "../../shared/embed/theme.ts";

const textures = new Map<string, Texture>();
/** The avatar art drawn once per avatar and facing, at twice the world size for crisp zooms. */
function avatarTexture(avatar: string, facing: Facing): Texture {
  const key = `${avatar}:${facing}`;
  let t = textures.get(key);
  if (!t) {
    t = Texture.from(avatarCanvas(avatarOr(avatar, "fox"), facing, AVATAR_BOX.height * 2));
    textures.set(key, t);
  }
  return t;
}

const BUBBLE_MS = 5000;

export class AvatarView {
  readonly root = new Container();
  private readonly body = new Sprite();
  private readonly tag = new Container();
  private readonly tagBack = new Graphics();
  private readonly label: Text;
  private readonly bubble = new Container();
  private readonly bubbleBack = new Graphics();
  /** Made on the first speech bubble: a Text costs a font measurement, which an open should not wait for. */
  private bubbleText: Text | undefined;
  private bubbleUntil = 0;
  private facing: Facing = "down";

  constructor(private avatar: string, name: string, palette: Palette, private readonly self: boolean) {
    this.body.anchor.set(0.5, AVATAR_BOX.feetY / AVATAR_BOX.height);
    this.body.width = AVATAR_BOX.width;
    this.body.height = AVATAR_BOX.height;
    this.label = new Text({ text: name, style: { fontSize: 11, fontWeight: "600", fontFamily: palette.font, fill: palette.text } });
    this.label.anchor.set(0.5, 0.5);
    this.tag.addChild(this.tagBack, this.label);
    this.bubble.addChild(this.bubbleBack);
    this.bubble.visible = false;
    this.root.addChild(this.body, this.tag, this.bubble);
    this.setLook(avatar, "down");
    this.setPalette(palette);
  }

  setLook(avatar: string, facing: Facing | undefined): void {
    const f = facing ?? this.facing;
    if (avatar === this.avatar && f === this.facing && this.body.texture !== Texture.EMPTY) return;
    this.avatar = avatar;
    this.facing = f;
    this.body.texture = avatarTexture(avatar, f);
    this.body.width = AVATAR_BOX.width;
    this.body.height = AVATAR_BOX.height;
  }

  /** Turns the avatar the way it walks. */
  face(facing: Facing | undefined): void {
    this.setLook(this.avatar, facing);
  }

  setName(name: string): void {
    if (this.label.text !== name) { this.label.text = name; this.paintTag(); }
  }

  private palette: Palette | undefined;
  setPalette(palette: Palette): void {
    this.palette = palette;
    this.label.style.fill = palette.text;
    this.label.style.fontFamily = palette.font;
    this.paintTag();
  }

  private paintTag(): void {
    const p = this.palette;
    if (!p) return;
    const w = this.label.width + 10, h = 16;
    this.tagBack.clear().roundRect(-w / 2, -h / 2, w, h, 8).fill({ color: p.background, alpha: 0.82 });
    if (this.self) this.tagBack.stroke({ color: p.accent, width: 1.5 });
  }

  say(text: string, now: number): void {
    if (!this.bubbleText) {
      this.bubbleText = new Text({ text: "", style: { fontSize: 11, fontFamily: this.palette?.font ?? "sans-serif", fill: "#2b2030", wordWrap: true, wordWrapWidth: 150 } });
      this.bubbleText.anchor.set(0.5, 1);
      this.bubble.addChild(this.bubbleText);
    }
    this.bubbleText.text = text.length > 120 ? `${text.slice(0, 119)}…` : text;
    const w = this.bubbleText.width + 14, h = this.bubbleText.height + 10;
    this.bubbleBack.clear().roundRect(-w / 2, -h - 5, w, h, 8).fill({ color: "#fffaf3" })
      .stroke({ color: this.palette?.accent ?? "#f2a65a", width: 1.5 })
      .poly([-5, -5.5, 5, -5.5, 0, 0]).fill({ color: "#fffaf3" });
    this.bubbleText.y = -10;
    this.bubble.visible = true;
    this.bubbleUntil = now + BUBBLE_MS;
  }

  get bubbleTextNow(): string | undefined { return this.bubble.visible ? this.bubbleText?.text : undefined; }

  /** Places the avatar; `zoom` keeps the label and bubble at their screen size. */
  place(x: number, y: number, zoom: number, now: number): void {
    this.root.position.set(x, y);
    const k = 1 / zoom;
    this.tag.scale.set(k);
    this.tag.y = -AVATAR_BOX.feetY - 7 * k;
    this.bubble.scale.set(k);
    this.bubble.y = -AVATAR_BOX.feetY - 18 * k;
    if (this.bubble.visible && now > this.bubbleUntil) this.bubble.visible = false;
  }

  destroy(): void {
    this.root.destroy({ children: true });
  }
}
