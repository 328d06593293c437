/**
 * Runs the bench's size.ts (one size, one step) in a fresh node process and parses the JSON line it prints
 * last: each step's memory and time are then its own.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './articles.ts';

const SIZE_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'size.ts');

export function runSizeStep<T>(args: string[], env: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', SIZE_SCRIPT, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`size.ts ${args.join(' ')} exited with ${code}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`size.ts ${args.join(' ')} printed no result: ${last.slice(0, 200)}`));
      }
    });
  });
}
