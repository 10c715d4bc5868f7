// The card over the world while you are the only one in the lounge: it says to share the link, with
// the same "Copy link" button as the header, and goes once someone else comes in (or when closed).
import { el } from "./element.ts";
import { icon } from "./icons.ts";
import { ShareButton, type LoungeLink } from "./share-link.ts";

export class EmptyRoomPrompt {
  readonly root = el("section", { class: "empty-room", "aria-labelledby": "empty-room-title", hidden: true });
  private readonly share: ShareButton;
  private alone = false;
  private dismissed = false;
  private readonly off: () => void;

  constructor(private readonly link: LoungeLink) {
    this.share = new ShareButton(link);
    const close = el("button", { class: "icon-button empty-room-close", type: "button", "aria-label": "Close the invite prompt" }, icon("close", 16));
    close.addEventListener("click", () => { this.dismissed = true; this.paint(); });
    this.root.append(
      el("div", { class: "empty-room-text" },
        el("h2", { id: "empty-room-title" }, "It's just you here"),
        el("p", {}, link.private
          ? "This lounge is private: copy an invite link and send it to the people you want in."
          : "Share the link and your friends can walk right in.")),
      this.share.root, close);
    this.off = link.onChange(() => this.paint());
  }

  /** How many people are in the lounge, you included. */
  setCount(people: number): void {
    this.alone = people <= 1;
    this.paint();
  }

  private paint(): void {
    this.root.hidden = !this.alone || this.dismissed || !this.link.available;
  }

  destroy(): void {
    this.off();
    this.share.destroy();
    this.root.remove();
  }
}
