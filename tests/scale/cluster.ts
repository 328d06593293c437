/**
 * The load test's load balancer: Node's cluster module. The primary forks `BYLINE_PROCESSES` byline
 * processes (`src/main.ts`, each with its own library) that all listen on `BYLINE_HTTP_PORT`; the primary
 * accepts the connections and hands them to the processes in turn (round-robin, Node's default on Linux).
 * On SIGTERM it passes the signal on, waits for the processes to finish what they are answering, and exits.
 */
import cluster from 'node:cluster';

const count = Number(process.env.BYLINE_PROCESSES ?? 2);
const say = (fields: Record<string, unknown>) => process.stderr.write(`${JSON.stringify({ cluster: true, ...fields })}\n`);

// BYLINE_NODE_ARGS: more node flags for the byline processes (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
const nodeArgs = (process.env.BYLINE_NODE_ARGS ?? '').split(' ').filter(Boolean);
cluster.setupPrimary({ exec: 'src/main.ts', execArgv: ['--import', 'tsx', ...nodeArgs] });
for (let i = 0; i < count; i++) cluster.fork();
cluster.on('exit', (worker, code, signal) => say({ msg: 'process exited', pid: worker.process.pid, code, signal }));
say({ msg: 'forked', processes: count, pids: Object.values(cluster.workers ?? {}).map((worker) => worker?.process.pid) });

process.on('SIGTERM', () => {
  const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
  for (const worker of workers) worker.process.kill('SIGTERM');
  let left = workers.length;
  if (left === 0) process.exit(0);
  for (const worker of workers) worker.once('exit', () => --left === 0 && process.exit(0));
  setTimeout(() => process.exit(1), 20_000).unref();
});
