/**
 * A progress line on stderr for work that takes more than a moment. It appears
 * only after `delayMs` (fast runs print nothing) and only on a terminal: piped or
 * captured stderr (CI logs, tests) stays free of carriage-return noise. The line
 * is rewritten in place and erased when the work is done.
 */

export interface ProgressOptions {
  /** Show nothing before this much time has passed (default 1000 ms). */
  delayMs?: number;
  /** How often the line is refreshed once shown (default 250 ms). */
  intervalMs?: number;
  /** Whether to show anything (default: the stream is a TTY). */
  enabled?: boolean;
}

export interface Progress {
  /** Record the latest count; cheap enough to call per item. */
  update(count: number): void;
  /** Stop and erase the line, if one was shown. */
  done(): void;
}

const ERASE_LINE = "\r\x1b[K";

export function startProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  describe: (count: number) => string,
  options: ProgressOptions = {},
): Progress {
  const { delayMs = 1000, intervalMs = 250, enabled = stream.isTTY === true } = options;
  let count = 0;
  let shown = false;
  let interval: NodeJS.Timeout | undefined;
  const draw = () => {
    shown = true;
    stream.write(`${ERASE_LINE}${describe(count)}`);
  };
  // Unref'd: a progress line must never be what keeps the process alive.
  const delay = enabled
    ? setTimeout(() => {
        draw();
        interval = setInterval(draw, intervalMs).unref();
      }, delayMs).unref()
    : undefined;
  return {
    update(latest) {
      count = latest;
    },
    done() {
      clearTimeout(delay);
      clearInterval(interval);
      if (shown) stream.write(ERASE_LINE);
      shown = false;
    },
  };
}
