/**
 * How understood articles are written in the persisted store: as positional arrays rather than objects.
 *
 * The same data as `Article`, but without a key repeated on each of the hundreds of thousands of
 * sentences, people and mentions, and with a sentence's text cut again from its paragraph rather than
 * stored twice. At 10,000 articles this is what start-up spends most of its time parsing: objects took
 * 5.1 s, these arrays a fraction of it. Strings that recur (mention words such as "he", names, cues) are
 * shared again on loading, so each is held once in memory however many times the articles use it.
 */
import type { Article, Mention, Person, Quote, QuoteKind, Sentence, SpeakerReference } from './model.ts';

type PackedQuote = [
  id: string,
  kind: QuoteKind,
  text: string,
  paragraph: number,
  sentences: number[],
  speaker: string | null,
  reference: SpeakerReference,
  speakerMention: string | null,
  cue: string | null,
];

type PackedPerson = [
  id: string,
  name: string,
  role: string | null,
  display: string,
  gender: Person['gender'],
  organisation: 0 | 1,
  /** text, paragraph, sentence of each mention in turn. */
  mentions: (string | number)[],
];

export type PackedArticle = [
  id: string,
  title: string,
  date: string | null,
  source: string | null,
  file: string,
  paragraphs: string[],
  /** paragraph, index, start, end of each sentence in turn. */
  sentences: number[],
  /** Sentences whose text is not their paragraph's text between their offsets: [position, text]. */
  texts: [number, string][],
  quotes: PackedQuote[],
  people: PackedPerson[],
];

export function packArticle(article: Article): PackedArticle {
  const sentences: number[] = [];
  const texts: [number, string][] = [];
  article.sentences.forEach((sentence, i) => {
    sentences.push(sentence.paragraph, sentence.index, sentence.start, sentence.end);
    if (cut(article, sentence) !== sentence.text) texts.push([i, sentence.text]);
  });
  return [
    article.id,
    article.title,
    article.date,
    article.source,
    article.file,
    article.paragraphs,
    sentences,
    texts,
    article.quotes.map((q) => [q.id, q.kind, q.text, q.paragraph, q.sentences, q.speaker, q.reference, q.speakerMention, q.cue]),
    article.people.map((p) => [
      p.id,
      p.name,
      p.role,
      p.display,
      p.gender,
      p.organisation ? 1 : 0,
      p.mentions.flatMap((m) => [m.text, m.paragraph, m.sentence]),
    ]),
  ];
}

/** Shares equal strings: one copy of "he" or "Lloyd Austin" for the whole library. */
export class Strings {
  private readonly seen = new Map<string, string>();
  of<T extends string | null>(text: T): T {
    if (text === null) return text;
    const known = this.seen.get(text);
    if (known !== undefined) return known as T;
    this.seen.set(text, text);
    return text;
  }
}

export function unpackArticle(packed: PackedArticle, strings: Strings = new Strings()): Article {
  const [id, title, date, source, file, paragraphs, flat, texts, quotes, people] = packed;
  const article: Article = { id, title, date, source, file, paragraphs, sentences: [], quotes: [], people: [] };
  for (let at = 0; at < flat.length; at += 4) {
    const sentence: Sentence = { text: '', paragraph: flat[at]!, index: flat[at + 1]!, start: flat[at + 2]!, end: flat[at + 3]! };
    sentence.text = cut(article, sentence);
    article.sentences.push(sentence);
  }
  for (const [position, text] of texts) article.sentences[position]!.text = text;
  article.quotes = quotes.map(
    ([id, kind, text, paragraph, sentences, speaker, reference, speakerMention, cue]): Quote => ({
      id,
      kind: strings.of(kind),
      text,
      paragraph,
      sentences,
      speaker: strings.of(speaker),
      reference: strings.of(reference),
      speakerMention: strings.of(speakerMention),
      cue: strings.of(cue),
    }),
  );
  article.people = people.map(([id, name, role, display, gender, organisation, flatMentions]): Person => {
    const mentions: Mention[] = [];
    for (let at = 0; at < flatMentions.length; at += 3) {
      mentions.push({
        text: strings.of(flatMentions[at] as string),
        paragraph: flatMentions[at + 1] as number,
        sentence: flatMentions[at + 2] as number,
      });
    }
    return {
      id: strings.of(id),
      name: strings.of(name),
      role: strings.of(role),
      display: strings.of(display),
      gender,
      organisation: organisation === 1,
      mentions,
    };
  });
  return article;
}

/** A sentence's text as its paragraph holds it: a slice, which shares the paragraph's memory. */
function cut(article: Pick<Article, 'paragraphs'>, sentence: Sentence): string {
  return (article.paragraphs[sentence.paragraph - 1] ?? '').slice(sentence.start, sentence.end);
}
