/**
 * Control characters and bidirectional overrides in recorded text (a note, a title, a name) would be obeyed by a
 * terminal: clear the screen, retitle the window, hide or reorder what follows. Everything irp prints for people
 * passes through here and shows them as `\u001b`-style text instead. Line breaks and tabs are kept.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
