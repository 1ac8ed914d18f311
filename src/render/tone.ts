/**
 * How loudly a line should be shown where colour is on: `alarm` (red: a deadline passed) or `warning` (yellow: one
 * close). The words always say it too, so nothing depends on colour.
 */
export type Tone = 'alarm' | 'warning';

/** A line for a screen, with its tone. */
export interface ScreenLine {
  text: string;
  tone?: Tone | undefined;
}
