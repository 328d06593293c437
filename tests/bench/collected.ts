/**
 * Memory as the bench's memory scripts read it (memory.ts, pg-memory.ts): after two full garbage collections,
 * so that what is counted is what is still held. The scripts run under `node --expose-gc`.
 */
const gc = (globalThis as { gc?: () => void }).gc;

/** Bytes in a megabyte, for the tables. */
export const MB = 1024 * 1024;

/** `process.memoryUsage()` after two full collections; throws when the process cannot collect on demand. */
export function collectedMemory(): NodeJS.MemoryUsage {
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  gc();
  return process.memoryUsage();
}
