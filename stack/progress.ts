/**
 * Progress for long stack steps, written to stderr so stdout stays machine-readable (the table).
 * A step that runs longer than a few seconds gets a heartbeat line with its elapsed time and the
 * last line its command printed, so a 5-minute build never looks hung.
 */
export interface Progress {
  info(service: string, message: string): void;
  /** Starts a long step; call the returned function with the latest output line as it arrives. */
  step(service: string, title: string): ProgressStep;
}

export interface ProgressStep {
  update(lastLine: string): void;
  done(summary?: string): void;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function createConsoleProgress(
  stream: NodeJS.WritableStream = process.stderr,
  heartbeatMs = 15_000,
): Progress {
  const write = (service: string, message: string) => stream.write(`[${service}] ${message}\n`);
  return {
    info: write,
    step(service, title) {
      const started = Date.now();
      let last = '';
      write(service, `${title}…`);
      const timer = setInterval(() => {
        const tail = last.length > 100 ? `${last.slice(0, 97)}...` : last;
        write(service, `${title}: ${formatSeconds(Date.now() - started)} so far${tail ? ` — ${tail}` : ''}`);
      }, heartbeatMs);
      timer.unref();
      return {
        update(line) {
          if (line.trim()) last = line.trim();
        },
        done(summary) {
          clearInterval(timer);
          write(
            service,
            `${title}: done in ${formatSeconds(Date.now() - started)}${summary ? ` (${summary})` : ''}`,
          );
        },
      };
    },
  };
}

export const silentProgress: Progress = {
  info() {},
  step() {
    return { update() {}, done() {} };
  },
};
