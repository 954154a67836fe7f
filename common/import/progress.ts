import cliProgress from 'cli-progress';

/** What an import reports as it goes. */
export interface ProgressReport {
  /** rows read so far (accepted + rejected) */
  rows: number;
  accepted: number;
  rejected: number;
  /** bytes of the file read so far, of `totalBytes` */
  bytes: number;
  totalBytes: number;
}

export interface Progress {
  update(report: ProgressReport): void;
  stop(report: ProgressReport): void;
}

/** Silent (seeds, tests). */
export const noProgress: Progress = { update: () => undefined, stop: () => undefined };

/**
 * On a terminal: a bar with rows/s and the time left (by bytes read). Otherwise: a plain line at most
 * every `everyMs`, so logs and CI stay readable.
 */
export function terminalProgress(kind: string, stream: NodeJS.WriteStream = process.stderr, everyMs = 2000): Progress {
  const started = performance.now();
  const rate = (rows: number) => Math.round(rows / Math.max((performance.now() - started) / 1000, 0.001));
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${kind} [{bar}] {percentage}% | {rows} rows ({rejected} rejected) | {rate} rows/s | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    let begun = false;
    return {
      update(r) {
        const payload = { rows: r.rows, rejected: r.rejected, rate: rate(r.rows) };
        if (!begun) {
          bar.start(Math.max(r.totalBytes, 1), r.bytes, payload);
          begun = true;
        } else {
          bar.update(r.bytes, payload);
        }
      },
      stop(r) {
        if (begun) {
          bar.update(r.totalBytes, { rows: r.rows, rejected: r.rejected, rate: rate(r.rows) });
          bar.stop();
        }
      },
    };
  }
  let last = performance.now();
  const line = (r: ProgressReport) =>
    `${kind}: ${r.rows} rows (${r.accepted} accepted, ${r.rejected} rejected), ${rate(r.rows)} rows/s, ${r.totalBytes ? Math.floor((100 * r.bytes) / r.totalBytes) : 100}%\n`;
  return {
    update(r) {
      const now = performance.now();
      if (now - last < everyMs) return;
      last = now;
      stream.write(line(r));
    },
    stop(r) {
      stream.write(line({ ...r, bytes: r.totalBytes }));
    },
  };
}
