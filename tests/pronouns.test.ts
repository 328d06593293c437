/**
 * Pronoun resolution on unseen news (issue #8): gender where the text gives it, the type of what can be
 * "he" or "she", binding in a parenthetical cue, salience. Each case is made up to show its class.
 */
import { describe, expect, it } from 'vitest';
import { attributeParagraphs } from './support/attribute.ts';

const run = attributeParagraphs;

describe('pronoun gender where the text gives it', () => {
  it('reads the gender of a name opened by a party noun ("Democrat Tobias Wren") from its given name', () => {
    const { saidBy } = run([
      'Republican Greta Holm and Democrat Tobias Wren met in a debate on Monday.',
      'Wren, in turn, pressed her on a contract her department signed.',
      'He said the contract had cost the county dearly.',
    ]);
    expect(saidBy('the contract had cost')?.name).toMatch(/Tobias Wren/);
  });
});

describe('binding in a parenthetical cue', () => {
  it('never gives a parenthetical cue\'s pronoun to the subject of the clause it interrupts', () => {
    const { saidBy } = run([
      'Investigators laid out their case on Monday. The two front companies, they said, billed the port for dredging that never happened.',
    ]);
    expect(saidBy('billed the port')?.name).toBe('Investigators');
  });

  it('takes a parenthetical cue\'s subject as the salient one for the next sentence\'s pronoun', () => {
    const { saidBy } = run([
      'Investigators laid out their case on Monday. The two front companies, they said, billed the port for dredging that never happened. They told the court that the money paid for a yacht.',
    ]);
    expect(saidBy('the money paid for a yacht')?.name).toBe('Investigators');
  });
});

describe('what cannot speak: the object of a spatial preposition', () => {
  it('gives what "X standing beside Y said" to X, not to Y (a spatial preposition\'s object is no subject)', () => {
    const { saidBy } = run([
      'Teenagers packed the meeting. A friend standing beside Lena Ortiz said that the two of them had already signed up for lessons.',
    ]);
    expect(saidBy('had already signed up')?.name).toMatch(/friend/);
  });
});

describe('salience within the sentence', () => {
  it('takes the noun phrase opening the sentence for its pronoun when the sentence reports another source', () => {
    const { saidBy } = run([
      'The Harbour Gazette, a weekly printed in Port Elm, ran a long story on the shortage.',
      'The retailers were at first reluctant to ration sales, according to a report from the Coastal Broadcasting Corporation in which they said they had no plans to introduce limits.',
    ]);
    expect(saidBy('had no plans to introduce limits')?.name).toMatch(/retailers/);
  });
});

describe('naming formulas', () => {
  it('takes "a Y who gave her name only as X" for X, a description in apposition before it too, and the next "she"', () => {
    const { saidBy } = run([
      'Ruth Calloway, who runs a bakery there, said the water came in fast.',
      'Her neighbor, a retired nurse who gave her name only as Mrs. Ashdown, waited in the attic until dawn. She praised the rescuers, calling them "the bravest people I have met."',
    ]);
    expect(saidBy('the bravest people')?.name).toBe('Ashdown');
  });

  it('takes "the Y, identified as X," for X', () => {
    const { saidBy } = run([
      'A passer-by who stopped to help was treated for smoke inhalation. The man, identified as Carl Bremer, was released on Sunday. He said the fire had spread within seconds.',
    ]);
    expect(saidBy('the fire had spread')?.name).toBe('Carl Bremer');
  });
});
