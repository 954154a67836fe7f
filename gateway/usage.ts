import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { systemClock, type Clock } from '../common/clock.ts';
import type { Identity } from '../common/identity.ts';
import type { Logger } from '../common/log.ts';
import { staticUsage, variableCoordinates, type StaticUsage } from '../common/schemaCheck/coordinates.ts';
import { dayOf, UNKNOWN_CLIENT, UsageStore, type UsageRow } from '../common/schemaCheck/usageStore.ts';
import type { TrustedDocument } from '../common/schemaCheck/trustedDocuments.ts';

/**
 * Field usage per client: for every resolved operation, the client (`apollographql-client-name` /
 * `apollographql-client-version` headers) and the schema coordinates it used (fields, arguments,
 * enum values and input fields, also inside variables), counted per day.
 *
 * The hot path only adds to an in-memory map (the coordinates of a document are computed once and
 * cached); a timer writes the counts to the store in one transaction, and stopping the server
 * flushes what is left.
 */
export interface UsageOptions {
  enabled: boolean;
  /** SQLite file (default DATA_DIR/usage.sqlite) */
  file?: string;
  /** PostgreSQL URL instead of the file */
  url?: string;
  flushIntervalMs: number;
}

const MAX_CACHED_DOCUMENTS = 2000;
/** the pseudo-coordinate of a trusted document run: `TrustedDocument:<client>/<operation>` */
export const TRUSTED_DOCUMENT_COORDINATE = 'TrustedDocument:';
const MAX_HEADER = 64;

export class UsageRecorder {
  private pending = new Map<string, UsageRow>();
  private cache = new Map<string, StaticUsage>();
  private cacheSchema: GraphQLSchema | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly store: UsageStore, private readonly clock: Clock, private readonly log: Logger, flushIntervalMs: number) {
    this.timer = setInterval(() => void this.flush(), flushIntervalMs);
    this.timer.unref();
  }

  static async open(options: UsageOptions, clock: Clock, log: Logger): Promise<UsageRecorder> {
    return new UsageRecorder(await UsageStore.open({ file: options.file, url: options.url }), clock, log, options.flushIntervalMs);
  }

  /**
   * Counts one operation. A trusted document (`trusted`: `<client>/<operation>` of the manifest) is
   * counted as the coordinate `TrustedDocument:<client>/<operation>` too, so that usage per client ties
   * to the manifest's operations.
   */
  record(schema: GraphQLSchema, queryHash: string, document: Parameters<typeof staticUsage>[1], operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined, clientName: string, clientVersion: string, trusted?: string): void {
    if (schema !== this.cacheSchema) {
      this.cache.clear();
      this.cacheSchema = schema;
    }
    const key = `${operationName ?? ''}\n${queryHash}`;
    let usage = this.cache.get(key);
    if (!usage) {
      usage = staticUsage(schema, document, operationName);
      if (this.cache.size >= MAX_CACHED_DOCUMENTS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, usage);
    }
    let coordinates: Iterable<string> = usage.coordinates;
    if (usage.variables.length || trusted) {
      const all = new Set(usage.coordinates);
      if (usage.variables.length) variableCoordinates(usage, variables, all);
      if (trusted) all.add(`${TRUSTED_DOCUMENT_COORDINATE}${trusted}`);
      coordinates = all;
    }
    const day = dayOf(this.clock.now());
    for (const coordinate of coordinates) {
      const k = `${day}\t${clientName}\t${clientVersion}\t${coordinate}`;
      const row = this.pending.get(k);
      if (row) row.count++;
      else this.pending.set(k, { day, clientName, clientVersion, coordinate, count: 1 });
    }
  }

  /** Writes the counts gathered so far (one at a time; a failed write keeps its counts for the next). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.pending.size) return;
      const rows = [...this.pending.values()];
      this.pending = new Map();
      try {
        await this.store.add(rows);
      } catch (e) {
        this.log.error({ err: e, rows: rows.length }, 'field usage not written; kept for the next flush');
        for (const r of rows) {
          const k = `${r.day}\t${r.clientName}\t${r.clientVersion}\t${r.coordinate}`;
          const row = this.pending.get(k);
          if (row) row.count += r.count;
          else this.pending.set(k, r);
        }
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    await this.store.close();
  }
}

function header(value: string | undefined | null, fallback: string): string {
  const v = value?.trim();
  return v ? v.slice(0, MAX_HEADER) : fallback;
}

/**
 * Client names come from callers: a name is recorded as sent when it looks like one (letters, digits,
 * . _ -, at most 40) and is among the first 20 names seen from the keys of its channel; any other is
 * recorded as `<channel>:other`. A caller cannot fill the usage store (or the schema check) with names.
 */
export class ClientNames {
  private readonly perChannel = new Map<string, Set<string>>();
  constructor(private readonly maxPerChannel = 20) {}

  name(channel: string, sent: string | null | undefined): string {
    const v = sent?.trim() ?? '';
    if (!v) return UNKNOWN_CLIENT;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(v)) return `${channel}:other`;
    let names = this.perChannel.get(channel);
    if (!names) this.perChannel.set(channel, (names = new Set()));
    if (!names.has(v) && names.size >= this.maxPerChannel) return `${channel}:other`;
    names.add(v);
    return v;
  }
}

/** What usage recording sees of an operation that is let through (Apollo's request context at `executionDidStart`). */
export interface ExecutedOperation {
  schema: GraphQLSchema;
  document: Parameters<typeof staticUsage>[1];
  queryHash: string;
  /** the resolved operation's name */
  operationName?: string | null;
  request: { operationName?: string | null; variables?: Record<string, unknown> | null; http?: { headers: { get(name: string): string | undefined } } };
  contextValue: unknown;
}

export interface UsageRecording {
  plugin<TContext extends object>(): ApolloServerPlugin<TContext>;
  /** counts one operation that is let through (a refused one used nothing), under the key's channel */
  record(op: ExecutedOperation): void;
}

/** Usage recording for the Apollo Server path and the gateway's own request path alike; nothing when off (USAGE_RECORDING=off). */
export function usageRecording(options: UsageOptions, log: Logger, clock: Clock = systemClock): UsageRecording {
  if (!options.enabled) return { plugin: () => ({}), record: () => {} };
  let recorder: UsageRecorder | null = null;
  const clients = new ClientNames();
  const record = ({ schema, document, request, operationName, queryHash, contextValue }: ExecutedOperation) => {
    if (!recorder) return;
    const headers = request.http?.headers;
    const context = contextValue as { identity?: Identity; trustedDocument?: TrustedDocument };
    const channel = context.identity?.channel ?? UNKNOWN_CLIENT;
    const trusted = context.trustedDocument;
    // a trusted document without a client name is its manifest client's (`kiosk`, `pos` …)
    const sent = headers?.get('apollographql-client-name') || trusted?.client;
    recorder.record(
      schema, queryHash, document, operationName ?? request.operationName, request.variables as Record<string, unknown> | undefined,
      clients.name(channel, sent), header(headers?.get('apollographql-client-version'), UNKNOWN_CLIENT),
      trusted ? `${trusted.client}/${trusted.operation}` : undefined,
    );
  };
  return {
    record,
    plugin: () => ({
      async serverWillStart() {
        recorder = await UsageRecorder.open(options, clock, log);
        return {
          async serverWillStop() {
            await recorder?.close();
            recorder = null;
          },
        };
      },
      async requestDidStart() {
        return {
          async executionDidStart(rc) {
            record(rc as unknown as ExecutedOperation);
          },
        };
      },
    }),
  };
}

/** The Apollo Server plugin; a no-op when recording is off (USAGE_RECORDING=off). */
export function usagePlugin<TContext extends object>(options: UsageOptions, log: Logger, clock: Clock = systemClock): ApolloServerPlugin<TContext> {
  return usageRecording(options, log, clock).plugin<TContext>();
}
