import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

declare module 'http' {
  interface IncomingMessage {
    /** The request id: in the `x-request-id` header, every log line and every error body. */
    id: string;
    /** The request's logger: its id, then (once signed in) the person and their collectivité. */
    log: Logger;
  }
}

/** Probes of the orchestrator and the balancer: answered, not logged. */
const UNLOGGED = new Set(['/healthz', '/readyz']);

/** What the request's logger is made of, kept until something logs (most requests log one line). */
interface RequestLogState {
  base: Logger;
  bindings: Record<string, string>;
  child: Logger | undefined;
}

const STATE = Symbol('request log');
type WithLogState = IncomingMessage & { [STATE]?: RequestLogState };

/**
 * `req.log` as an accessor of the requests' prototype (Express's `app.request`), defined once: an
 * accessor defined on each request would slow every later property read of it (measured: 0.85 →
 * 1.04 CPU-ms per cached read, `pnpm bench -- --scenario=lb`).
 */
const withAccessor = new WeakSet<object>();
function defineLogAccessor(prototype: object): void {
  if (withAccessor.has(prototype)) return;
  withAccessor.add(prototype);
  Object.defineProperty(prototype, 'log', {
    configurable: true,
    get(this: WithLogState) {
      const state = this[STATE];
      return state ? (state.child ??= state.base.child(state.bindings)) : undefined;
    },
    set(this: WithLogState, value: Logger) {
      const state = this[STATE];
      if (state) state.child = value;
    },
  });
}

/**
 * One line per request once answered ("request completed": method, path without the query string —
 * it carries OAuth codes and states —, status, duration), at `error` for a 5xx and `info` otherwise
 * (4xx are the API working as designed); "request aborted" when the client left first. Replaces
 * pino-http, which builds two child loggers per request whether a line is written or not.
 *
 * `req.log` (the request's id, then the person and their collectivité, on every line) is made on
 * first use: a child logger costs its bindings passed through the redaction of every path, about
 * 9 KB allocated each (`pnpm bench -- --scenario=profile --alloc`), and a cached widget read logs
 * nothing but the completion line, which carries the same fields written directly.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = randomUUID();
    req.id = id;
    res.setHeader('x-request-id', id);
    defineLogAccessor(Object.getPrototypeOf(req) as object);
    const state: RequestLogState = { base: logger, bindings: { reqId: id }, child: undefined };
    (req as WithLogState)[STATE] = state;
    if (UNLOGGED.has(req.url)) {
      next();
      return;
    }
    const started = performance.now();
    const done = () => {
      res.off('finish', done);
      res.off('close', done);
      const fields = {
        req: { method: req.method, path: req.originalUrl.split('?')[0] },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - started),
      };
      // A client gone before the answer (a closed « À traiter » stream) is not the server failing.
      const level = res.statusCode >= 500 ? 'error' : 'info';
      const message = res.writableFinished ? 'request completed' : 'request aborted';
      if (state.child) state.child[level](fields, message);
      else logger[level]({ ...state.bindings, ...fields }, message);
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}

/**
 * After sign-in: every line a request logs carries, besides its id, the person and their
 * collectivité, and so do the connector reads made for it (they log with the request's logger).
 */
export const logPrincipal: RequestHandler = (req, _res, next) => {
  const state = (req as WithLogState)[STATE];
  if (req.user && state) {
    const principal = { userId: req.user.userId, collectiviteId: req.user.collectiviteId };
    if (state.child) state.child = state.child.child(principal);
    else Object.assign(state.bindings, principal);
  }
  next();
};
