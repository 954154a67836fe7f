import { describe, expect, it } from 'vitest';
import type { CartEvaluation } from './evaluation.ts';
import { SharedEvaluations } from './sharedEvaluations.ts';

const result = (n: number) => ({ provider: `p${n}` }) as unknown as CartEvaluation;

describe('SharedEvaluations', () => {
  it('shares one computation per key while fresh on both the service clock and real time', async () => {
    let real = 0;
    const shared = new SharedEvaluations(1000, 10, () => real);
    let calls = 0;
    const compute = async () => result(++calls);
    const t0 = new Date('2026-12-01T10:00:00Z');
    expect(shared.get('k', t0, compute).shared).toBe(false);
    const again = shared.get('k', new Date(t0.getTime() + 999), compute);
    expect(again.shared).toBe(true);
    expect((await again.value).provider).toBe('p1');
    // the service clock moved on (a test clock, another instant): computed anew
    expect(shared.get('k', new Date(t0.getTime() + 1000), compute).shared).toBe(false);
    // real time passed with the clock standing still (a previewed instant)
    real = 1000;
    expect(shared.get('k', new Date(t0.getTime() + 1000), compute).shared).toBe(false);
    expect(calls).toBe(3);
    expect(shared.get('other', t0, compute).shared).toBe(false);
  });

  it('shares a call in flight and never a failure', async () => {
    const shared = new SharedEvaluations(1000, 10, () => 0);
    const now = new Date();
    let fail!: (e: Error) => void;
    const first = shared.get('k', now, () => new Promise<CartEvaluation>((_, reject) => { fail = reject; }));
    const second = shared.get('k', now, async () => result(9));
    expect(second.shared).toBe(true);
    fail(new Error('database gone'));
    await expect(first.value).rejects.toThrow('database gone');
    await expect(second.value).rejects.toThrow('database gone');
    const third = shared.get('k', now, async () => result(2));
    expect(third.shared).toBe(false);
    expect((await third.value).provider).toBe('p2');
  });

  it('is bounded, forgets on clear, and is off at 0', async () => {
    const shared = new SharedEvaluations(1000, 2, () => 0);
    const now = new Date();
    for (const k of ['a', 'b', 'c']) shared.get(k, now, async () => result(1));
    expect(shared.size).toBe(2);
    expect(shared.get('a', now, async () => result(2)).shared).toBe(false);
    shared.clear();
    expect(shared.size).toBe(0);
    const off = new SharedEvaluations(0);
    off.get('k', now, async () => result(1));
    expect(off.get('k', now, async () => result(2)).shared).toBe(false);
    expect(off.size).toBe(0);
  });
});
