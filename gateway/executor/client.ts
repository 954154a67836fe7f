import { Agent, request } from 'undici';
import { neverSent, RoundRobin } from '../../common/replicas.ts';

/**
 * One subgraph over HTTP: a keep-alive undici Agent with bounded sockets, round robin over the
 * replicas (a replica that refuses the connection is skipped), and one timeout that covers the
 * whole answer, body included.
 */
export class SubgraphUnavailable extends Error {
  constructor(readonly serviceName: string, readonly reason: 'timeout' | 'unreachable' | 'status' | 'invalid', detail: string) {
    super(`subgraph ${serviceName}: ${detail}`);
  }
}

export interface SubgraphAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export class SubgraphClient {
  private readonly replicas: RoundRobin;
  readonly agent: Agent;

  constructor(
    readonly name: string,
    urls: string,
    private readonly timeoutMs: number,
    maxSockets: number,
    private readonly observe: (outcome: string, seconds: number) => void = () => {},
  ) {
    this.replicas = new RoundRobin(urls);
    this.agent = new Agent({ connections: maxSockets, keepAliveTimeout: 10_000, pipelining: 1 });
  }

  async post(body: string, headers: Record<string, string>): Promise<SubgraphAnswer> {
    // a plain timer (AbortSignal.timeout costs several times more per request)
    const controller = new AbortController();
    const { signal } = controller;
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      return await this.attempt(body, headers, signal);
    } finally {
      clearTimeout(timer);
    }
  }

  private async attempt(body: string, headers: Record<string, string>, signal: AbortSignal): Promise<SubgraphAnswer> {
    const candidates = this.replicas.order();
    const started = performance.now();
    for (let i = 0; ; i++) {
      let outcome = 'ok';
      try {
        const res = await request(candidates[i], { method: 'POST', headers, body, dispatcher: this.agent, signal });
        const text = await res.body.text();
        if (res.statusCode >= 300) outcome = `http_${res.statusCode}`;
        let answer: SubgraphAnswer | undefined;
        try {
          answer = JSON.parse(text) as SubgraphAnswer;
        } catch {
          // not JSON
        }
        if (!answer || typeof answer !== 'object' || (answer.data === undefined && !Array.isArray(answer.errors))) {
          throw new SubgraphUnavailable(this.name, outcome === 'ok' ? 'invalid' : 'status', outcome === 'ok' ? 'invalid response' : `HTTP ${res.statusCode}`);
        }
        return answer;
      } catch (e) {
        if (neverSent(e) && i + 1 < candidates.length) {
          outcome = '';
          continue;
        }
        if (e instanceof SubgraphUnavailable) throw e;
        outcome = signal.aborted ? 'timeout' : 'unreachable';
        throw new SubgraphUnavailable(this.name, outcome as 'timeout', signal.aborted ? `timeout after ${this.timeoutMs} ms` : 'unreachable');
      } finally {
        if (outcome) this.observe(outcome, (performance.now() - started) / 1000);
      }
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
