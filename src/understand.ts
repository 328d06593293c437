/**
 * Understanding an article: its sentences, then its quotes and the people who said them. This is the
 * costly step of building a library (and loads the NLP code); a persisted library skips it.
 */
import { splitSentences } from './article/sentences.ts';
import { attribute } from './attribution/index.ts';
import type { Article, ArticleText, Sentence } from './model.ts';

/** The sentences of an article, numbered across the article, with their paragraph. */
export function sentencesOf(text: ArticleText): Sentence[] {
  const sentences: Sentence[] = [];
  text.paragraphs.forEach((paragraph, p) => {
    for (const span of splitSentences(paragraph)) {
      sentences.push({ text: span.text, paragraph: p + 1, index: sentences.length, start: span.start, end: span.end });
    }
  });
  return sentences;
}

/** Splits an article into sentences and attributes its quotes. */
export function understandArticle(text: ArticleText): Article {
  const sentences = sentencesOf(text);
  const { quotes, people } = attribute(text, sentences);
  return { ...text, sentences, quotes, people };
}
