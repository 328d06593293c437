/**
 * The domain model of byline: articles, their paragraphs and sentences, the quotes found in them and the
 * people who said them. Everything here is plain data, so answers can be rendered for Discord, the local
 * console or JSON alike, and persisted with the index.
 */

/** An article as loaded from the data folder, before attribution. */
export interface ArticleText {
  /** Stable id: the file name without extension, or `<file>#<row>` for a CSV row. */
  id: string;
  title: string;
  /** ISO date `YYYY-MM-DD`, or null when the article gives none. */
  date: string | null;
  /** Where the article comes from (a URL or a publication), or null. */
  source: string | null;
  /** The file it was read from, relative to the data folder. */
  file: string;
  /** Paragraphs of the body, in order; paragraph numbers count from 1. */
  paragraphs: string[];
}

/** One sentence of an article. */
export interface Sentence {
  /** The sentence exactly as written in the article. */
  text: string;
  /** 1-based paragraph number. */
  paragraph: number;
  /** 0-based position of the sentence in the whole article. */
  index: number;
  /** Character offsets of the sentence in its paragraph's text. */
  start: number;
  end: number;
}

/** How a quote is given in the text. */
export type QuoteKind =
  /** A quotation in quote marks that stands as the utterance ("…," he said). */
  | 'direct'
  /** A quoted fragment inside a narrative sentence (Austin condemned Russia's "latest invasion"). */
  | 'partial'
  /** Reported speech without quote marks (Kuleba stated he was on a diplomatic mission). */
  | 'indirect';

/** How the speaker of a quote is referred to where the quote stands. */
export type SpeakerReference = 'name' | 'pronoun' | 'description' | 'none';

/** A person (or organisation, or a role whose holder is never named) that speaks or is mentioned in an article. */
export interface Person {
  /** Id unique within the article, e.g. `p1`. */
  id: string;
  /** Full name as the article gives it ("Lloyd Austin"), or the description when no name is given ("France's high diplomat"). */
  name: string;
  /** Role or title from the text ("Defense Secretary"), or null. */
  role: string | null;
  /** How the article first introduces them, role and name together ("Defense Secretary Lloyd Austin"). */
  display: string;
  gender: 'male' | 'female' | null;
  /** True for organisations and institutions ("the State Department", "the ministry"). */
  organisation: boolean;
  /** Every place the article mentions them, in order. */
  mentions: Mention[];
}

export interface Mention {
  /** The words as written: "Austin", "he", "the official". */
  text: string;
  paragraph: number;
  /** Index of the sentence (article-wide) the mention stands in. */
  sentence: number;
}

/** A quotation or reported statement with its speaker. */
export interface Quote {
  /** Id unique within the article, e.g. `q3`. */
  id: string;
  kind: QuoteKind;
  /** The quoted words, without the quote marks (for indirect speech: the reported clause). */
  text: string;
  /** 1-based paragraph where the quote starts. */
  paragraph: number;
  /** Article-wide indexes of the sentences the quote spans (usually one). */
  sentences: number[];
  /** Id of the speaking person in the article's `people`, or null when no speaker could be found. */
  speaker: string | null;
  /** How the speaker is referred to next to the quote. */
  reference: SpeakerReference;
  /** The words that name the speaker next to the quote ("he", "the official", "Austin"), or null. */
  speakerMention: string | null;
  /** The speech verb or cue ("stated", "advised", "according to", ":"), or null. */
  cue: string | null;
  /**
   * How sure attribution is of `speaker`, in [0, 1]: the share of attributions found the same way that
   * name the right speaker on the labelled articles (see attribution/confidence.ts). 0 when no speaker.
   */
  confidence: number;
}

/** An article after sentence splitting and attribution: what the index and every answer are built from. */
export interface Article extends ArticleText {
  sentences: Sentence[];
  quotes: Quote[];
  people: Person[];
}

/** A problem found while loading the data folder. The rest of the library still loads. */
export interface LoadProblem {
  file: string;
  /** 1-based line where the problem is, when known. */
  line: number | null;
  message: string;
}
