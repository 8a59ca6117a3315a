// A progress bar on the terminal (stderr), redrawn in place; where stderr is not a terminal (CI, a log file), one line
// per finished step instead, so a log still shows how far it got.
export interface Output {
  /** Results and summaries (stdout). */
  out(line: string): void;
  /** Progress and warnings (stderr). */
  err(line: string): void;
  /** Whether stderr is a terminal that can redraw a line. */
  readonly tty: boolean;
  /** Redraws the current line (terminals only). */
  redraw?(text: string): void;
}

export const consoleOutput = (): Output => ({
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  tty: Boolean(process.stderr.isTTY),
  redraw: (t) => process.stderr.write(`\r\x1b[2K${t}`),
});

const WIDTH = 24;

export class Progress {
  private done = 0;
  constructor(
    private readonly o: Output,
    private readonly title: string,
    private readonly total: number,
  ) {
    this.draw('');
  }

  private bar(): string {
    const filled = this.total ? Math.round((this.done / this.total) * WIDTH) : WIDTH;
    return `${this.title} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${this.done}/${this.total}`;
  }

  private draw(item: string): void {
    if (this.o.tty && this.o.redraw) this.o.redraw(`${this.bar()} ${item}`.slice(0, 110));
  }

  /** One step finished: `line` says what happened to it. */
  step(line: string): void {
    this.done++;
    if (this.o.tty && this.o.redraw) this.draw(line);
    else this.o.err(`${this.title} ${this.done}/${this.total}: ${line}`);
  }

  end(): void {
    if (this.o.tty && this.o.redraw) this.o.redraw(`${this.bar()}\n`);
  }
}
