import type { Clock } from '../../../../common/clock.ts';
import type { Logger } from '../../../../common/log.ts';
import type { CouponBatchRow, CouponRepository } from '../data/couponRepository.ts';
import type { BackgroundTasks } from './background.ts';
import { compilePattern, generateCode, RandomIndexes } from './couponPattern.ts';

export interface CouponGeneratorOptions {
  /** codes per transaction */
  chunkSize?: number;
  /** chunks in a row that add no code before the batch fails (the pattern's space is used up) */
  maxStalls?: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Generates coupon batches in the background: chunks of codes, each in one transaction with
 * INSERT … ON CONFLICT DO NOTHING (unique per market), collisions retried, progress recorded with the
 * chunk, the event loop free between chunks. A batch stopped midway resumes at the next start.
 */
export class CouponGenerator {
  private readonly chunkSize: number;
  private readonly maxStalls: number;
  private readonly running = new Set<string>();
  private readonly random = new RandomIndexes();

  constructor(
    private readonly repo: CouponRepository,
    private readonly background: BackgroundTasks,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: CouponGeneratorOptions = {},
  ) {
    this.chunkSize = options.chunkSize ?? 20_000;
    this.maxStalls = options.maxStalls ?? 20;
  }

  start(batchId: string): void {
    if (this.running.has(batchId)) return;
    this.running.add(batchId);
    this.background.run(`coupon batch ${batchId}`, async (signal) => {
      try {
        await this.generate(batchId, signal);
      } finally {
        this.running.delete(batchId);
      }
    });
  }

  /** Restarts batches left PENDING or RUNNING by a stop or a crash. */
  async resumeUnfinished(): Promise<number> {
    const batches = await this.repo.unfinished();
    for (const b of batches) this.start(b.id);
    return batches.length;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private async generate(batchId: string, signal: AbortSignal): Promise<void> {
    const batch = await this.repo.batch(batchId);
    if (!batch || batch.status === 'COMPLETED' || batch.status === 'FAILED') return;
    try {
      await this.fill(batch, signal);
    } catch (err) {
      this.log.error({ err, batchId }, 'coupon batch failed');
      await this.repo.setStatus(batchId, 'FAILED', this.now(), 'Code generation failed; see the service logs.');
    }
  }

  private async fill(batch: CouponBatchRow, signal: AbortSignal): Promise<void> {
    const compiled = compilePattern(batch.pattern);
    if (!compiled.ok) {
      await this.repo.setStatus(batch.id, 'FAILED', this.now(), compiled.message);
      return;
    }
    await this.repo.setStatus(batch.id, 'RUNNING', this.now());
    let generated = Number(batch.generated);
    let stalls = 0;
    while (generated < batch.count) {
      if (signal.aborted) return; // stays RUNNING: resumed at the next start
      const want = Math.min(this.chunkSize, batch.count - generated);
      const draw = (n: number) => {
        const candidates = new Set<string>();
        for (let tries = 0; candidates.size < n && tries < n * 4; tries++) candidates.add(generateCode(compiled.compiled, this.random));
        return [...candidates];
      };
      const inserted = await this.repo.insertChunk(batch, want, draw, want * 4 + 100, this.now());
      generated += inserted;
      stalls = inserted === 0 ? stalls + 1 : 0;
      if (stalls >= this.maxStalls) {
        await this.repo.setStatus(batch.id, 'FAILED', this.now(), `The pattern ran out of free codes after ${generated} of ${batch.count}.`);
        return;
      }
      await yieldToEventLoop();
    }
    await this.repo.setStatus(batch.id, 'COMPLETED', this.now());
  }
}
