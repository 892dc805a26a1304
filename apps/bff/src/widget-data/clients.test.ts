import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectorConfig } from '../../test/support/connectors.js';
import { createLogger } from '../logger.js';
import { UpstreamClients } from './clients.js';

let server: http.Server;
let baseUrl = '';
const received: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    received.push(req.headers);
    res.setHeader('content-type', 'application/json');
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('the pooled upstream clients', () => {
  it('give every call to a connector the headers of its kind, whichever widget built the client', async () => {
    const clients = new UpstreamClients(createLogger('silent'));
    const nextcloud = connectorConfig('nextcloud', { baseUrl, allowPrivateNetworks: ['127.0.0.1/32'] });
    const first = clients.get(nextcloud, {});
    // A second widget of the same connector (files after notifications) shares the client and its headers.
    expect(clients.get(nextcloud, {})).toBe(first);
    await first.request({ path: '/ocs/v2.php/x', schema: z.object({}) });
    expect(received.at(-1)?.['ocs-apirequest']).toBe('true');

    // A kind without headers of its own sends none of Nextcloud's.
    const matrix = connectorConfig('matrix', { baseUrl, allowPrivateNetworks: ['127.0.0.1/32'] });
    await clients.get(matrix, {}).request({ path: '/_matrix/client/versions', schema: z.object({}) });
    expect(received.at(-1)?.['ocs-apirequest']).toBeUndefined();

    // Changed settings (a new updatedAt): a new client.
    const edited = { ...nextcloud, updatedAt: new Date('2026-12-02T08:00:00Z') };
    expect(clients.get(edited, {})).not.toBe(first);
    clients.close();
  });
});
