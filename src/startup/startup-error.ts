// A start-up problem the operator can fix: printed as one line naming the setting and what to do, exit 2.

export class StartupError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
    fix: string,
  ) {
    super(`Cannot start: ${setting} ${problem}. ${fix}`);
    this.name = 'StartupError';
  }
}
