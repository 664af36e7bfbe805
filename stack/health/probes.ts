/**
 * Health probes used by the service definitions. Each resolves to true or false and never rejects,
 * and each has a short timeout so a hung port cannot stall `stack up`.
 */
import { connect } from 'node:net';

const PROBE_TIMEOUT_MS = 2_000;

/** True when GET `url` answers with a 2xx status (and, if given, a body that passes `accept`). */
export async function httpOk(
  url: string,
  accept?: (body: string) => boolean,
  init: RequestInit = {},
): Promise<boolean> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!response.ok) return false;
    return accept ? accept(await response.text()) : (await response.arrayBuffer(), true);
  } catch {
    return false;
  }
}

/**
 * Sends `request` over TCP and resolves true when the reply passes `accept`. With no request, true
 * once the port accepts a connection.
 */
export function tcpProbe(
  host: string,
  port: number,
  request?: Buffer | string,
  accept?: (reply: Buffer) => boolean,
): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const socket = connect({ host, port });
    let reply = Buffer.alloc(0);
    const finish = (ok: boolean) => {
      socket.destroy();
      resolveProbe(ok);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => {
      if (request === undefined) finish(true);
      else socket.write(request);
    });
    socket.on('data', (chunk: Buffer) => {
      reply = Buffer.concat([reply, chunk]);
      if (accept?.(reply)) finish(true);
    });
    socket.once('end', () => finish(accept ? accept(reply) : false));
  });
}

/** True when nothing listens on host:port (so a service can take it). */
export async function portIsFree(host: string, port: number): Promise<boolean> {
  return !(await tcpProbe(host, port));
}
