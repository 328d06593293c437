/**
 * What each benchmark child process reports (as one JSON line on stdout), and what the runner tabulates.
 */
import type { Latency } from './stats.ts';

/** A cold build of one library: what the first start of byline on a new data folder does. */
export interface BuildResult {
  articles: number;
  sentences: number;
  quotes: number;
  people: number;
  files: number;
  dataMb: number;
  /** The whole cold path (`loadLibrary` without a store): read + parse + understand + index + save, then loading the store just written. */
  totalMs: number;
  /** Whether the build ran in a worker thread (as loadLibrary does from 8 MB of articles). */
  inWorker: boolean;
  stages: {
    read: number;
    parse: number;
    /** Sentence splitting and attribution (`understandArticle`). */
    understand: number;
    /** Of `understand`: sentence splitting alone, timed in a separate pass. */
    splitOnly: number;
    /** MiniSearch index segments folded into the flat layout, and term frequencies. */
    index: number;
    /** Writing `<dir>/.byline-index/`. */
    save: number;
    /** Loading the library from the store just written. */
    load: number;
  };
  storeMb: number;
  rssPeakMb: number;
  heapPeakMb: number;
  problems: number;
}

export type QueryKind = 'who-said' | 'what-happened' | 'autocomplete quote' | 'autocomplete topic';

export interface KindResult {
  kind: QueryKind;
  byline: Latency;
  /** Share of queries byline answered with something (an answer, passages, choices). */
  answered: number;
  /** Queries byline turned into a notice (a question it cannot answer as asked). */
  notices: number;
}

/** An ingest into PostgreSQL (`--postgres`): the store the build left, written into the database. */
export interface IngestResult {
  ms: number;
  articles: number;
  sentences: number;
  quotes: number;
  /** Peak resident set size of the ingesting process (the database server is another process). */
  rssPeakMb: number;
  /** The highest heap in use seen, sampled every 50 ms. */
  heapPeakMb: number;
  /** With --live-heap: the most heap left after a full collection at the end of a batch. */
  heapLiveMb?: number;
  /** 1-minute load average when the ingest ended. */
  loadAverage: number;
}

/** Start-up from the persisted index, then queries through the real command code. */
export interface ServeResult {
  /** Importing the engine and the commands (tsx compiling TypeScript included). */
  moduleLoadMs: number;
  /** `loadLibrary(dir)` with the index persisted by the build. */
  startupMs: number;
  /** Whether `loadLibrary` said it loaded the persisted index (else it rebuilt). */
  storeHit: boolean;
  startupStages: {
    /** Reading and hashing the article files, which `loadLibrary` does before looking at the store. */
    readHash: number;
    /** `loadStore` alone: reading the persisted articles and indexes, rebuilding the entries. */
    loadStore: number;
  };
  rssPeakMb: number;
  heapPeakMb: number;
  heapLiveMb: number;
  kinds: KindResult[];
  warmup: number;
  /** The machine's 1-minute load average when the queries were measured: the figures are wall times. */
  loadAverage: number;
}

export interface SizeResult {
  size: number;
  build: BuildResult;
  serve: ServeResult;
  /** Null when the baselines could not be measured (the rest of the row still stands). */
  baselines: BaselineResult | null;
}

/** The baselines on the same queries, measured in a process of their own. */
export interface BaselineResult {
  info: { name: string; description: string; buildMs: number }[];
  /** Per query kind, per baseline name. */
  latency: Partial<Record<QueryKind, Record<string, Latency>>>;
}
