/**
 * What the tests and scripts that start byline as a process share: its JSON log lines read from a stream
 * (a line that is no JSON kept as `{ msg }`), the way it exited, and a free port to give it.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';

/** The log lines written to `stream`, parsed as they come; `onLine` is told of each one. */
export function jsonLinesOf(stream: Readable, onLine?: (line: any, text: string) => void): any[] {
  const lines: any[] = [];
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const text of parts) {
      let line: any;
      try {
        line = JSON.parse(text);
      } catch {
        line = { msg: text };
      }
      lines.push(line);
      onLine?.(line, text);
    }
  });
  return lines;
}

/** How the process ended: its exit code or the signal that ended it. */
export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** A port nothing listens on now (asked of the system, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
