/**
 * A piece of work run one at a time: asked again while it runs, it runs once more when it ends, so that a
 * request made during a run is never lost and two runs never overlap ("a generation was announced while the
 * one before was being opened"). The work catches its own errors.
 */
export class Coalesced {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly work: () => Promise<void>,
    /** No further run once this says so (the library stopped). */
    private readonly stopped: () => boolean = () => false,
  ) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.work();
      } while (this.again && !this.stopped());
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
