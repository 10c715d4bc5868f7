// Getting the microphone, and saying in words why it could not be had.

export type MicrophoneProblem = "no-microphone" | "denied" | "busy" | "unsupported";

export class MicrophoneError extends Error {
  constructor(readonly problem: MicrophoneProblem, message: string) {
    super(message);
    this.name = "MicrophoneError";
  }
}

/** What the person can do about each problem. */
export const microphoneWords: Record<MicrophoneProblem, string> = {
  "no-microphone": "No microphone found. Plug one in (or turn it on in your system settings), then try again.",
  denied: "Microphone access is blocked for this site. Allow it from the icon beside the address bar, then try again.",
  busy: "Your microphone is in use by another app or could not start. Close the other app, then try again.",
  unsupported: "This browser cannot capture audio here. Voice needs a current browser and a secure (https) page.",
};

/** Whether the browser will give the microphone without asking (so no explanation is needed first). */
export async function microphoneAlreadyAllowed(): Promise<boolean> {
  try {
    const status = await navigator.permissions.query({ name: "microphone" as PermissionName });
    return status.state === "granted";
  } catch {
    return false;
  }
}

export async function openMicrophone(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new MicrophoneError("unsupported", microphoneWords.unsupported);
  try {
    // The browser's own echo cancellation, noise suppression and gain control: people use laptop
    // speakers, and the others would otherwise hear themselves back.
    return await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true }, video: false });
  } catch (err) {
    const name = err instanceof Error ? err.name : "";
    if (name === "NotAllowedError" || name === "SecurityError") throw new MicrophoneError("denied", microphoneWords.denied);
    if (name === "NotFoundError" || name === "OverconstrainedError") throw new MicrophoneError("no-microphone", microphoneWords["no-microphone"]);
    throw new MicrophoneError("busy", microphoneWords.busy);
  }
}
