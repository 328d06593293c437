/**
 * The worker thread of {@link workerIndexer}: understands and indexes the segments of servers' articles it
 * is sent, one at a time, and sends back the articles and the index's bytes.
 */
import { parentPort } from 'node:worker_threads';
import type { ArticleText } from '../model.ts';
import { buildSegment } from './indexer.ts';

parentPort?.on('message', async ({ id, texts }: { id: number; texts: ArticleText[] }) => {
  try {
    const { articles, bytes } = await buildSegment(texts, false);
    parentPort?.postMessage({ id, ok: true, articles, bytes });
  } catch (error) {
    parentPort?.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
