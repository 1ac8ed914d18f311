import { describe, expect, it } from 'vitest';
import { stepHeading } from '../../src/render/renderStatus.ts';

describe("a step's heading", () => {
  it('fits 80 columns, wrapped between words under its marker', () => {
    const heading = stepHeading({
      within: ['Respond', 'Contain, rebuild, restore and reconnect', 'Contain'],
      title: 'Decide on a precautionary shutdown',
    });
    expect(heading).toBe('▸ Respond › Contain, rebuild, restore and reconnect › Contain › Decide on a\n  precautionary shutdown');
    for (const line of heading.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('is one line when it fits', () => {
    expect(stepHeading({ within: [], title: 'Declare the incident' })).toBe('▸ Declare the incident');
  });
});
