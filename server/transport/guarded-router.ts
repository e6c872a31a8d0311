import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response } from 'express';
import type { z } from 'zod';
import {
  API_ROUTES,
  splitRouteKey,
  type Ack,
  type ApiRouteKey,
  type ApiRoutes,
  type ErrorCode,
  type ProtocolError,
  type ReportProgress,
  type ResponseOf,
  type RouteInput,
  type RouteSpec,
} from '../../protocol/index.js';
import { messageOf } from '../log.js';
import type { EdgeContext } from '../security/context.js';
import { clientIp } from '../security/http.js';
import { admit, type CallerOf } from './route-access.js';
import { ProgressStream } from './progress-stream.js';
import { refused, send } from './send.js';
import { describeIssues, invalid } from './validate.js';

/**
 * A file a route gives instead of JSON, when its table entry offers one (`download`): whole, or
 * streamed piece by piece as the pieces are made (a long export never sits in memory).
 */
export interface Download {
  download: { filename: string; body: string | AsyncIterable<string> };
}

export type Reply<S extends RouteSpec> = Ack<ResponseOf<S>> | (S extends { download: object } ? Download : never);

/** What a handler is given: its parsed input, who is calling, and answers typed by its table entry. */
export interface RouteCall<S extends RouteSpec> extends RouteInput<S> {
  caller: CallerOf<S['access']>;
  req: Request;
  res: Response;
  /** The answer when all is well: its type is the route's response schema's, so a renamed field fails the build. */
  ok(data: ResponseOf<S>): Reply<S>;
  refuse(code: ErrorCode, message: string): Reply<S>;
  /** Reports how far long work has got, when the entry has `progress` and the caller asked for it; else does nothing. */
  progress: ReportProgress;
  /** Aborted when the caller goes away before the answer: long work can stop. */
  signal: AbortSignal;
}

export type Handler<S extends RouteSpec> = (call: RouteCall<S>) => Reply<S> | Promise<Reply<S>>;

const PATH_PARAM = /:(\w+)/g;

/**
 * Registers the `/api` routes by their keys in the route table (protocol/http/routes.ts) and
 * runs each request through the same steps: its access (deny by default), its path parameters,
 * query and body parsed with the table's schemas, then the handler, whose answer is written the
 * way the entry says. A key without an entry does not compile (and is refused at start-up for
 * plain JavaScript); an entry without a handler stops the start (`assertComplete`).
 */
export class GuardedRouter {
  readonly router = express.Router();
  readonly #registered = new Set<ApiRouteKey>();
  readonly #ctx: Pick<EdgeContext, 'audit' | 'auth' | 'log' | 'config'>;

  constructor(ctx: Pick<EdgeContext, 'audit' | 'auth' | 'log' | 'config'>) {
    this.#ctx = ctx;
  }

  route<K extends ApiRouteKey>(key: K, handler: Handler<ApiRoutes[K]>): void {
    if (!Object.hasOwn(API_ROUTES, key)) throw new Error(`No entry for ${key} in the route table: add it in protocol/http`);
    if (this.#registered.has(key)) throw new Error(`${key} has a handler already`);
    const spec: RouteSpec = API_ROUTES[key];
    if (spec.progress && spec.download) throw new Error(`${key}: a file download shows its own progress; drop one of progress and download`);
    const { method, path } = splitRouteKey(key);
    const names = [...path.matchAll(PATH_PARAM)].map((m) => m[1]).sort();
    if (names.join() !== Object.keys(spec.params?.shape ?? {}).sort().join()) throw new Error(`${key}: the path's parameters and the table's params schema differ`);
    this.#registered.add(key);
    const run = handler as Handler<RouteSpec>;
    this.router[method.toLowerCase() as 'get' | 'post' | 'patch'](path.slice('/api'.length), async (req, res) => {
      const admission = await admit(key, spec.access, req, res, this.#ctx);
      if (!admission.ok) return send(res, { ok: false, error: admission.error });
      const input = parseInput(spec, req);
      if (!input.ok) {
        // People mistype dates; a feed sending what the protocol forbids is worth a look.
        if (spec.access === 'ingest-key') await this.#ctx.audit.security('malformed_ingest', clientIp(req), { source: (admission.caller as { source: string }).source });
        return send(res, input);
      }
      const ok = (data: unknown) => ({ ok: true as const, data });
      const gone = new AbortController();
      res.on('close', () => res.writableFinished || gone.abort());
      let progress: ReportProgress = () => undefined;
      if (spec.progress && ProgressStream.wanted(req)) {
        const stream = new ProgressStream(res, spec.progress.unit);
        res.locals.progress = stream;
        progress = stream.report;
      }
      let reply: Reply<RouteSpec> | Download;
      try {
        reply = await run({ ...input.data, caller: admission.caller as never, req, res, ok, refuse: refused, progress, signal: gone.signal });
      } catch (error) {
        if (gone.signal.aborted) return; // nobody is waiting for the answer: work that stopped is no fault
        throw error;
      }
      this.#answer(key, spec, reply, res);
    });
  }

  /** Every entry of the table must have a handler: a route described but not served is a defect. */
  assertComplete(): void {
    const missing = (Object.keys(API_ROUTES) as ApiRouteKey[]).filter((key) => !this.#registered.has(key));
    if (missing.length > 0) throw new Error(`No handler for ${missing.join(', ')}`);
  }

  #answer(key: string, spec: RouteSpec, reply: Reply<RouteSpec> | Download, res: Response): void {
    if ('download' in reply) {
      const { filename, body } = reply.download;
      res.type(spec.download?.mediaType ?? 'application/octet-stream').attachment(filename);
      if (typeof body === 'string') res.send(body);
      else streamTo(res, body, (message) => this.#ctx.log.error('http.stream_failed', { route: key, message }));
      return;
    }
    if (reply.ok && this.#ctx.config.checkResponses) {
      const checked = spec.response.safeParse(reply.data);
      if (!checked.success) {
        this.#ctx.log.error('http.response_mismatch', { route: key, message: describeIssues(checked.error) });
        return send(res, refused('internal', `The answer does not match ${key}'s response schema: ${describeIssues(checked.error)}`));
      }
    }
    const answer = spec.answer ?? { kind: 'envelope' };
    if (!reply.ok || answer.kind === 'envelope') return send(res, reply);
    if (answer.kind === 'json') res.json(reply.data);
    else res.type(answer.mediaType).send(reply.data);
  }
}

type Parsed = { ok: true; data: RouteInput<RouteSpec> } | { ok: false; error: ProtocolError };

/** Path parameters, query and body, each with its schema; the first that does not parse is the answer. */
function parseInput(spec: RouteSpec, req: Request): Parsed {
  const parts = { params: [spec.params, req.params], query: [spec.query, req.query], body: [spec.body, req.body] } as const;
  const data: Record<string, unknown> = {};
  for (const [part, [schema, value]] of Object.entries(parts) as [keyof typeof parts, [z.ZodType | undefined, unknown]][]) {
    if (!schema) {
      data[part] = undefined;
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) return invalid(parsed.error);
    data[part] = parsed.data;
  }
  return { ok: true, data: data as unknown as RouteInput<RouteSpec> };
}

/**
 * Writes the pieces as they come, waiting while the client reads (backpressure). A failure half
 * way cannot become an error answer any more (the headers are gone): the connection is cut, so
 * the file is visibly incomplete rather than silently short.
 */
function streamTo(res: Response, body: AsyncIterable<string>, failed: (message: string) => void): void {
  pipeline(Readable.from(body), res).catch((error: unknown) => {
    if (!res.destroyed) res.destroy();
    if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') failed(messageOf(error));
  });
}
