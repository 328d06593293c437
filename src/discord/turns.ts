/**
 * The engine's work, a slice of time per turn of the event loop. The engine answers synchronously
 * (milliseconds a question), so a burst of interactions started as they arrive runs back to back and holds
 * the event loop: the interactions arriving meanwhile are not even read, a "defer if slow" timer cannot
 * fire, and a first response waits behind seconds of other members' questions (issue #10: 1,000
 * interactions in 2 s). Queued here instead, jobs run from a `setImmediate`, one after the other for at
 * most {@link TURN_SLICE_MS}, then Node reads its sockets again: every interaction is read, and deferred or
 * answered as soon as it arrives, and the engine gets the time between. Autocomplete goes first (its
 * choices are only useful within Discord's 3 s; a command waiting here has been deferred, or its deferral
 * timer is running), and a job whose caller gave up on it (an autocomplete answered empty) is skipped.
 *
 * Hand-written rather than p-queue: p-queue starts the next job as soon as the previous one settles, with
 * no bound on the time the jobs of one turn take, which is the starvation this avoids.
 */

/**
 * How long the engine may work in one turn of the event loop before Node reads its sockets again (ms): jobs
 * of a few milliseconds run several a turn, a longer one alone. One job a turn was measured first: with
 * the turn's own input and output around it, autocomplete arriving at 200 a second waited 1.2 s.
 */
export const TURN_SLICE_MS = 10;

/** Thrown into the caller of a job skipped because its signal was aborted before it started. */
export class JobSkipped extends Error {
  override name = 'JobSkipped';
}

export interface JobOptions {
  /** Ahead of every job that is not urgent (autocomplete). */
  urgent?: boolean;
  /** Aborted: the job is skipped if it has not started yet. */
  signal?: AbortSignal;
}

interface Job {
  /** Starts the work; settles (never rejects) when it does. */
  start(): Promise<void>;
  skip(): void;
  signal: AbortSignal | undefined;
}

export class TurnQueue {
  private readonly urgent: Job[] = [];
  private readonly normal: Job[] = [];
  private scheduled = false;

  /** Jobs waiting for their turn. */
  get waiting(): number {
    return this.urgent.length + this.normal.length;
  }

  /**
   * Runs `work` at its turn and settles as it does. Only its start is serialised: a job that awaits I/O
   * (a link fetched) does not hold the queue, the next job starts at the next turn.
   */
  run<T>(work: () => Promise<T> | T, options: JobOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        start: () => {
          let working: Promise<T>;
          try {
            working = Promise.resolve(work());
          } catch (error) {
            working = Promise.reject(error);
          }
          working.then(resolve, reject);
          return working.then(
            () => undefined,
            () => undefined,
          );
        },
        skip: () => reject(new JobSkipped('skipped: its caller no longer waits for it')),
        signal: options.signal,
      };
      (options.urgent ? this.urgent : this.normal).push(job);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting === 0) return;
    this.scheduled = true;
    setImmediate(() => void this.turn());
  }

  /**
   * One turn's slice: jobs one after the other (each awaited, its engine work being synchronous behind an
   * `await` or two) until the slice is used up, or until a job waits for input or output — it is then left
   * to finish on its own, and the next turn goes on with the queue.
   */
  private async turn(): Promise<void> {
    const started = performance.now();
    for (let job = this.next(); job; job = this.next()) {
      if (job.signal?.aborted) {
        job.skip();
        continue;
      }
      const settled = job.start().then(() => false);
      // Settled within this turn's microtasks, or else left working when the next turn comes.
      const waitsForIo = await Promise.race([settled, new Promise<boolean>((resolve) => setImmediate(() => resolve(true)))]);
      if (waitsForIo || performance.now() - started >= TURN_SLICE_MS) break;
    }
    this.scheduled = false;
    this.schedule();
  }

  private next(): Job | undefined {
    return this.urgent.shift() ?? this.normal.shift();
  }
}
