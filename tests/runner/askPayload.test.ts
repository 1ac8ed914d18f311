// Prompt-level tests: the real Inquirer prompts, rendered on @inquirer/testing's virtual screen.
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { askPayload } from '../../src/runner/askPayload.ts';
import { inquirerPrompter } from '../../src/runner/inquirerPrompter.ts';
import { RunnerCancelled } from '../../src/runner/prompter.ts';

const schema = z.object({
  estateAffectedPercent: z.number().min(0).max(100),
  productsAffected: z.array(z.string().min(1)).min(1, 'name at least one product'),
  personalDataInvolved: z.enum(['yes', 'no', 'unknown']),
  clean: z.boolean(),
  peopleAffected: z.number().int().optional(),
});

describe('payload prompts generated from a zod schema', () => {
  it('asks for each field with a fitting prompt, checks answers as typed, and returns typed values', async () => {
    const answer = askPayload(inquirerPrompter(), schema, { estateAffectedPercent: 'Share of the estate affected (%)' });
    expect(screen.getScreen()).toContain('Share of the estate affected (%)');
    screen.type('250');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Too big: expected number to be <=100');
    screen.keypress({ name: 'backspace' });
    screen.keypress({ name: 'backspace' });
    screen.keypress({ name: 'backspace' });
    screen.type('2');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('productsAffected (separate with commas)');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('name at least one product');
    screen.type('Adastra, Caresys');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('personalDataInvolved');
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter');
    await screen.next();
    screen.type('y');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('peopleAffected (optional)');
    screen.keypress('enter');
    await expect(answer).resolves.toEqual({
      estateAffectedPercent: 2,
      productsAffected: ['Adastra', 'Caresys'],
      personalDataInvolved: 'unknown',
      clean: true,
    });
  });

  it('turns Ctrl-C in a prompt into a clean cancellation', async () => {
    const answer = askPayload(inquirerPrompter(), schema);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(answer).rejects.toBeInstanceOf(RunnerCancelled);
  });
});
