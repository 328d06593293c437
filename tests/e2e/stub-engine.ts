/**
 * An engine whose answers each test decides, for the transport tests: anything not stubbed fails loudly.
 * (Shared by the gateway, HTTP and sharding tests.)
 */
import type { Choice, SuggestOption, WhatHappenedResult, WhoSaidAnswer, WhoSaidResult } from '../../src/answers.ts';
import type { Engine, Scope } from '../../src/engine.ts';

export async function notStubbed(): Promise<never> {
  throw new Error('not stubbed in this test');
}

export class StubEngine implements Engine {
  whoSaidAnswer: (query: string, scope?: Scope) => Promise<WhoSaidResult> = notStubbed;
  whatHappenedAnswer: (topic: string | null, scope?: Scope) => Promise<WhatHappenedResult> = notStubbed;
  suggestAnswer: (option: SuggestOption, typed: string, scope?: Scope) => Promise<Choice[]> = notStubbed;
  whoSaid(query: string, scope?: Scope) {
    return this.whoSaidAnswer(query, scope);
  }
  whatHappened(topic: string | null, scope?: Scope) {
    return this.whatHappenedAnswer(topic, scope);
  }
  suggest(option: SuggestOption, typed: string, scope?: Scope) {
    return this.suggestAnswer(option, typed, scope);
  }
  quotes = notStubbed;
  articles = notStubbed;
  whoIs = notStubbed;
  inspect = notStubbed;
  /** Puts every answer back to "not stubbed". */
  reset(): void {
    this.whoSaidAnswer = notStubbed;
    this.whatHappenedAnswer = notStubbed;
    this.suggestAnswer = notStubbed;
  }
}

export const article = { id: 'a1', title: 'Blinken–Lavrov meeting in doubt', date: '2022-02-23', source: 'https://example.org/a1' };

export function answer(quote: string): WhoSaidAnswer {
  return {
    speaker: 'Defense Secretary Lloyd Austin',
    speakerName: 'Lloyd Austin',
    quote,
    sentence: `“${quote},” Austin said.`,
    kind: 'direct',
    article,
    paragraph: 6,
    score: 9,
    differences: [],
    confidence: 0.95,
  };
}

export const found = (query: string): WhoSaidResult => ({ query, answers: [answer('We will keep working with our allies')], suggestions: [], ms: 4 });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Discord's numbers the transport tests read responses with. */
export const EPHEMERAL = 64;
export const PONG = 1;
export const CHANNEL_MESSAGE = 4;
export const DEFERRED_CHANNEL_MESSAGE = 5;
export const DEFERRED_UPDATE_MESSAGE = 6;
export const UPDATE_MESSAGE = 7;
export const AUTOCOMPLETE_RESULT = 8;
