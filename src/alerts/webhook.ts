import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

/**
 * Webhook delivery: which URLs may be called, and one signed POST with a timeout.
 *  - The URL's host must be on the allow-list (WEBHOOK_ALLOWED_HOSTS: `host`, `host:port`, `*.example.com`, or
 *    `*` for any host), checked when the subscription is created and again at each delivery.
 *  - Every address the host resolves to is checked at delivery: private, loopback, link-local, carrier-grade NAT,
 *    multicast and unspecified ranges are refused unless WEBHOOK_ALLOW_PRIVATE; the request then connects to the
 *    address that was checked (no second lookup a DNS rebinding could change).
 *  - The body is JSON; `X-Signature: sha256=<hex HMAC-SHA256 of the body with the subscription's secret>`,
 *    `X-Event-Id` for de-duplication; the whole request, answer included, has WEBHOOK_TIMEOUT_MS.
 */
export interface WebhookPolicy {
  allowedHosts: readonly string[];
  allowPrivate: boolean;
  timeoutMs: number;
}

const PRIVATE = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

/** Whether an address is private, loopback or otherwise not on the public internet (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (!family) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export function parseAllowedHosts(spec: string): string[] {
  return spec.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
}

/** Why this URL may not be a webhook, or undefined when it may. */
export function refuseWebhookUrl(raw: string, policy: WebhookPolicy): string | undefined {
  let url: URL;
  try { url = new URL(raw); } catch { return 'not a URL'; }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not carry credentials';
  if (!policy.allowedHosts.length) return 'webhooks are not enabled on this service (WEBHOOK_ALLOWED_HOSTS is empty)';
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const allowed = policy.allowedHosts.some((h) => h === '*' || h === host || h === `${host}:${port}` || (h.startsWith('*.') && host.endsWith(h.slice(1))));
  if (!allowed) return `host ${host} is not among the allowed webhook hosts (WEBHOOK_ALLOWED_HOSTS)`;
  if (isIP(host) && !policy.allowPrivate && isPrivateAddress(host)) return `${host} is a private or loopback address`;
  return undefined;
}

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export type DeliveryResult = { ok: true; status: number } | { ok: false; error: string; permanent?: boolean };

/** One POST of `body` to `url`: resolves the host, checks the addresses, connects to a checked one. Never throws. */
export async function deliver(url: string, body: string, headers: Record<string, string>, policy: WebhookPolicy): Promise<DeliveryResult> {
  const refusal = refuseWebhookUrl(url, policy);
  if (refusal) return { ok: false, error: refusal, permanent: true };
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let address: { address: string; family: number };
  try {
    const all = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
    const bad = all.find((a) => !policy.allowPrivate && isPrivateAddress(a.address));
    if (bad) return { ok: false, error: `${host} resolves to ${bad.address}, a private or loopback address`, permanent: true };
    if (!all.length) return { ok: false, error: `${host} does not resolve` };
    address = all[0]!;
  } catch (err) {
    return { ok: false, error: `cannot resolve ${host}: ${(err as Error).message}` };
  }
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<DeliveryResult>((resolve) => {
    const signal = AbortSignal.timeout(policy.timeoutMs);
    const req = send(u, {
      method: 'POST',
      signal,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body).toString(), 'user-agent': 'zhizhaohuo-match-webhook/1', ...headers },
      // Connect to the address checked above, whatever a second lookup would say.
      lookup: ((_h: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) => {
        if (opts?.all) cb(null, [address]);
        else cb(null, address.address, address.family);
      }) as never,
      ...(u.protocol === 'https:' ? { servername: isIP(host) ? undefined : host } : {}),
    }, (res) => {
      res.resume(); // the answer's body is not read, only drained
      res.on('end', () => resolve(res.statusCode && res.statusCode >= 200 && res.statusCode < 300 ? { ok: true, status: res.statusCode } : { ok: false, error: `answered ${res.statusCode}` }));
      res.on('error', (err) => resolve({ ok: false, error: err.message }));
    });
    req.on('error', (err) => resolve({ ok: false, error: signal.aborted ? `no answer within ${policy.timeoutMs} ms` : err.message }));
    req.end(body);
  });
}
