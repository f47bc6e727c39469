// A webhook receiver for tests: an HTTP server on 127.0.0.1 that records every delivery and answers
// with the status `statusFor` picks; and the receiver's side of leadflow's signature check
// (`X-Leadflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`), written
// independently of the signing code so that the tests check it.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery { headers: http.IncomingHttpHeaders; body: string; status: number }

export interface Receiver {
  url: string;
  received: Delivery[];
  close(): Promise<void>;
}

export async function startReceiver(statusFor: (headers: http.IncomingHttpHeaders) => number): Promise<Receiver> {
  const received: Delivery[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      const status = statusFor(req.headers);
      received.push({ headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Whether a delivery carries a valid signature of its body made with `secret`. */
export function signatureValid(secret: string, d: Pick<Delivery, 'headers' | 'body'>): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(d.headers['x-leadflow-signature']));
  return m !== null && createHmac('sha256', secret).update(`${m[1]}.${d.body}`).digest('hex') === m[2];
}
