import { describe, expect, it } from 'vitest';
import { Library } from '../src/library.ts';
import { openQuoteAt } from '../src/queries/passages.ts';

describe('passages that read on their own', () => {
  it('knows when a position stands inside a quotation', () => {
    const paragraph = '“We will rebuild. As we have said, nothing changes,” the official stated.';
    expect(openQuoteAt(paragraph, 0)).toBeNull();
    expect(openQuoteAt(paragraph, paragraph.indexOf('As we'))).toBe('“');
    expect(openQuoteAt(paragraph, paragraph.indexOf('the official'))).toBeNull();
    expect(openQuoteAt('He said "no. Never." Then left.', 'He said "no. '.length)).toBe('"');
  });

  it('a sentence inside a multi-sentence quote is shown with its opening mark and an ellipsis', async () => {
    const library = await Library.fromTexts([
      {
        id: 'a', title: 'Harbour reopens', date: '2020-05-05', source: null, file: 'a.txt',
        paragraphs: [
          'The harbour of Elm reopened on Monday after the storm.',
          '“The damage was severe. As we have said, the quays of Elm are safe again,” the harbour master stated.',
        ],
      },
    ]);
    const { passages } = await library.whatHappened('quays safe again');
    const quay = passages.find((p) => p.text.includes('quays'));
    expect(quay?.text).toBe('“… As we have said, the quays of Elm are safe again,” the harbour master stated.');
  });

  it('a sentence that carries on from the one before keeps it, and no passage is shown twice', async () => {
    const library = await Library.fromTexts([
      {
        id: 'a', title: 'Mayor resigns', date: '2020-05-05', source: null, file: 'a.txt',
        paragraphs: ['Mayor Ann Oak of Elm resigned on Monday. She cited the flood inquiry as her reason.', 'The council meets next week.'],
      },
    ]);
    const { passages } = await library.whatHappened('flood inquiry reason resigned');
    const texts = passages.map((p) => p.text);
    expect(texts.some((t) => t.startsWith('Mayor Ann Oak of Elm resigned on Monday. She cited'))).toBe(true);
    // The sentence naming her is read before "She cited …", not after it.
    expect(texts[0]).toMatch(/^Mayor Ann Oak of Elm resigned on Monday\. She cited/);
    const sentences = texts.flatMap((t) => t.split(/(?<=\.) /));
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('a sentence that carries on from one shown after it keeps it, in reading order, and that one is not shown again', async () => {
    const library = await Library.fromTexts([
      {
        id: 'a', title: 'Mayor resigns', date: '2020-05-05', source: null, file: 'a.txt',
        paragraphs: ['Mayor Ann Oak of Elm resigned on Monday after the flood inquiry.', 'She cited the flood inquiry report as her reason for resigning.'],
      },
    ]);
    const { passages } = await library.whatHappened('flood inquiry reason resigned');
    // "She cited …" ranks first: it is shown after the sentence naming her, not above it.
    expect(passages.map((p) => p.text)).toEqual(['Mayor Ann Oak of Elm resigned on Monday after the flood inquiry. She cited the flood inquiry report as her reason for resigning.']);
  });
});
