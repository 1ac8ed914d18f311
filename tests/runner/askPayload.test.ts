// Prompt-level tests: the real Inquirer prompts, rendered on @inquirer/testing's virtual screen.
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { field } from '../../src/playbook/authoringKit.ts';
import { askPayload, PayloadRefused } from '../../src/runner/askPayload.ts';
import { inquirerPrompter } from '../../src/runner/inquirerPrompter.ts';
import { RunnerCancelled } from '../../src/runner/prompter.ts';

const schema = z.object({
  estateAffectedPercent: z.number().min(0).max(100),
  productsAffected: z.array(z.string().min(1)).min(1, 'name at least one product'),
  personalDataInvolved: z.enum(['yes', 'no', 'unknown']),
  clean: z.boolean(),
  peopleAffected: z.number().int().optional(),
});

const backspaces = (count: number) => {
  for (let i = 0; i < count; i += 1) screen.keypress({ name: 'backspace' });
};

describe('payload prompts generated from a zod schema', () => {
  it('asks each field as a question with a hint of its form, in words a commander reads, and returns typed values', async () => {
    const answer = askPayload(inquirerPrompter(), schema, { estateAffectedPercent: 'Share of the estate affected (%)' });
    expect(screen.getScreen()).toContain('Share of the estate affected (%) (a number from 0 to 100)');
    screen.type('about 2');
    screen.keypress('enter');
    await screen.next();
    // Not "Invalid input: expected number, received NaN": the field, and what would be accepted.
    expect(screen.getScreen()).toContain('Share of the estate affected (%): type a number from 0 to 100, in digits');
    backspaces(7);
    screen.type('250');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Share of the estate affected (%): type a number from 0 to 100');
    backspaces(3);
    screen.type('2');
    screen.keypress('enter');
    await screen.next();
    // A field with no label reads as words, not as its id.
    expect(screen.getScreen()).toContain('Products affected (separate several with commas)');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain("Products affected: name at least one product"); // the playbook's own words
    screen.type('Adastra, Caresys');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Personal data involved');
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter');
    await screen.next();
    // A yes/no defaults to no: a reflex Enter answers no.
    expect(screen.getScreen()).toContain('Clean? (y/N)');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('People affected (a whole number; optional: Enter to leave out)');
    screen.keypress('enter');
    await expect(answer).resolves.toEqual({
      estateAffectedPercent: 2,
      productsAffected: ['Adastra', 'Caresys'],
      personalDataInvolved: 'unknown',
      clean: false,
    });
  });

  it('asks a safety gate first, with its own question, and makes the commander type the answer in full', async () => {
    const reconnection = z.object({
      customer: field(z.string().trim().min(1), 'Last customer reconnected').schema,
      boardApproval: field(z.literal(true, "the customer's Board must approve reconnection first"), 'Board approval', {
        question: "Has the customer's Board approved reconnection?",
        confirm: 'type',
      }).schema,
    });
    const answer = askPayload(inquirerPrompter(), reconnection, { customer: 'Last customer reconnected' });
    // The gate comes before anything else is typed, and Enter alone is not an answer.
    while (screen.getScreen() === '') await new Promise((resolve) => setTimeout(resolve, 1));
    expect(screen.getScreen()).toContain("Has the customer's Board approved reconnection? Type yes or no");
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('type the word yes, or no, in full');
    screen.type('no');
    screen.keypress('enter');
    await expect(answer).rejects.toThrow(new PayloadRefused("Board approval: the customer's Board must approve reconnection first."));
  });

  it('turns Ctrl-C in a prompt into a clean cancellation', async () => {
    const answer = askPayload(inquirerPrompter(), schema);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(answer).rejects.toBeInstanceOf(RunnerCancelled);
  });
});
