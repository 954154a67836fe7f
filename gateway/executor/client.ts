import { Agent, type Dispatcher } from 'undici';
import { neverSent, Rotation, urlList } from '../../common/replicas.ts';

/**
 * One subgraph over HTTP: a keep-alive undici Agent with bounded sockets, round robin over the
 * replicas (a replica that refuses the connection is skipped), and one timeout that covers the
 * whole answer, body included.
 *
 * Requests go straight to the Agent's `dispatch` with a handler that collects the body's chunks and
 * parses them once at the end: no body stream, no AbortSignal (undici's `request` builds both for
 * every call; together they were about a quarter of the client's cost per subgraph request).
 * An answer longer than `maxResponseBytes` fails the fetch as soon as it passes the limit: a broken
 * or hostile subgraph cannot fill the gateway's memory.
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

/** The default limit on one subgraph answer: 64 MiB. */
export const DEFAULT_SUBGRAPH_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

interface Target {
  origin: string;
  path: string;
}

function target(url: string): Target {
  const u = new URL(url);
  return { origin: u.origin, path: `${u.pathname}${u.search}` };
}

export class SubgraphClient {
  private readonly replicas: Rotation<Target>;
  readonly agent: Agent;

  constructor(
    readonly name: string,
    urls: string,
    readonly timeoutMs: number,
    maxSockets: number,
    readonly observe: (outcome: string, seconds: number) => void = () => {},
    readonly maxResponseBytes = DEFAULT_SUBGRAPH_MAX_RESPONSE_BYTES,
  ) {
    this.replicas = new Rotation(urlList(urls).map(target));
    this.agent = new Agent({ connections: maxSockets, keepAliveTimeout: 10_000, pipelining: 1 });
  }

  post(body: string, headers: Record<string, string>): Promise<SubgraphAnswer> {
    return new Promise((resolve, reject) => {
      new Exchange(this, this.replicas.order(), body, headers, resolve, reject).send();
    });
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** One subgraph request: undici's dispatch handler, tried on each replica in turn while none was reached. */
class Exchange implements Dispatcher.DispatchHandler {
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;
  private attempt = 0;
  private abort: ((reason?: Error) => void) | undefined;
  private status = 0;
  private chunks: Buffer[] = [];
  private size = 0;
  private settled = false;

  constructor(
    private readonly client: SubgraphClient,
    private readonly candidates: readonly Target[],
    private readonly body: string,
    private readonly headers: Record<string, string>,
    private readonly resolve: (answer: SubgraphAnswer) => void,
    private readonly reject: (e: SubgraphUnavailable) => void,
  ) {
    this.timer = setTimeout(() => this.timeout(), client.timeoutMs);
  }

  send(): void {
    const { origin, path } = this.candidates[this.attempt];
    this.abort = undefined;
    this.client.agent.dispatch({ origin, path, method: 'POST', headers: this.headers, body: this.body }, this);
  }

  private timeout(): void {
    this.fail('timeout', `timeout after ${this.client.timeoutMs} ms`);
    this.abort?.();
  }

  private fail(reason: SubgraphUnavailable['reason'], detail: string, outcome: string = reason): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.client.observe(outcome, (performance.now() - this.started) / 1000);
    this.reject(new SubgraphUnavailable(this.client.name, reason, detail));
  }

  onConnect(abort: (reason?: Error) => void): void {
    // timed out while waiting for a socket: the request is not sent at all
    if (this.settled) abort();
    else this.abort = abort;
  }

  onHeaders(statusCode: number): boolean {
    this.status = statusCode;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.settled) return true;
    this.size += chunk.length;
    if (this.size > this.client.maxResponseBytes) {
      this.chunks = [];
      this.fail('invalid', `answer longer than ${this.client.maxResponseBytes} bytes`, 'too_large');
      this.abort?.();
      return true;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.settled) return;
    const { chunks, status } = this;
    this.chunks = [];
    let text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, this.size).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let answer: SubgraphAnswer | undefined;
    try {
      answer = JSON.parse(text) as SubgraphAnswer;
    } catch {
      // not JSON
    }
    const outcome = status >= 300 ? `http_${status}` : 'ok';
    if (!answer || typeof answer !== 'object' || (answer.data === undefined && !Array.isArray(answer.errors))) {
      if (outcome === 'ok') this.fail('invalid', 'invalid response', outcome);
      else this.fail('status', `HTTP ${status}`, outcome);
      return;
    }
    this.settled = true;
    clearTimeout(this.timer);
    this.client.observe(outcome, (performance.now() - this.started) / 1000);
    this.resolve(answer);
  }

  onError(e: Error): void {
    if (this.settled) return;
    if (neverSent(e) && this.attempt + 1 < this.candidates.length) {
      this.attempt++;
      this.status = 0;
      this.chunks = [];
      this.size = 0;
      this.send();
      return;
    }
    this.fail('unreachable', 'unreachable');
  }
}
