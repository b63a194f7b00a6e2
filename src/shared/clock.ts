/** Time as a dependency, so that month boundaries, timeouts and quiet hours are testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that tests move by hand. */
export class ManualClock implements Clock {
  #at: number;
  constructor(at: Date | string) {
    this.#at = new Date(at).getTime();
  }
  now(): Date {
    return new Date(this.#at);
  }
  set(at: Date | string): void {
    this.#at = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.#at += ms;
  }
}

/**
 * Time running `scale` times faster than the wall clock from `start`: the simulation's month in minutes.
 * Every process of one simulation gets the same start and scale, so they agree on the time.
 */
export class ScaledClock implements Clock {
  constructor(
    private readonly start: Date,
    private readonly scale: number,
    private readonly wallStart: number = Date.now(),
  ) {}
  now(): Date {
    return new Date(this.start.getTime() + (Date.now() - this.wallStart) * this.scale);
  }
}
