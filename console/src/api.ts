/**
 * The console's only way to the API: the public HTTP routes with the key the user typed (sessionStorage, sent as
 * `Authorization: Bearer …`). Every failure becomes an ApiError with a message a person can act on.
 */
const KEY_ITEM = 'zzh.console.apiKey';

export function getKey(): string {
  try { return sessionStorage.getItem(KEY_ITEM) ?? ''; } catch { return ''; }
}

export function setKey(key: string): void {
  if (key) sessionStorage.setItem(KEY_ITEM, key);
  else sessionStorage.removeItem(KEY_ITEM);
}

export interface Problem { status?: number; title?: string; detail?: string; code?: string; errors?: Array<{ field: string; reason: string }>; progress?: { walked?: number; total?: number } }

export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly problem: Problem = {}, readonly retryAfter?: number) {
    super(message);
  }
}

function explain(status: number, p: Problem): string {
  const detail = p.detail ? `（${p.detail}）` : '';
  switch (status) {
    case 401: return `API 密钥无效、已吊销或未填写，请在页面顶部输入有效的密钥。${detail}`;
    case 403: return `此密钥的角色无权使用这项功能，请换一个有权限的密钥。${detail}`;
    case 404: return `没有找到：${p.detail ?? '请求的资源不存在'}`;
    case 400: case 422: return `输入有误：${p.errors?.map((e) => `${e.field} ${e.reason}`).join('；') || p.detail || '请检查输入'}`;
    case 429: return `请求太频繁，请稍后再试。${detail}`;
    case 503: return `服务暂时不可用（可能正在启动或计算），请稍后再试。${detail}`;
    default: return `服务出错（HTTP ${status}${p.code ? ' ' + p.code : ''}）。${detail}`;
  }
}

export async function api<T>(path: string, opts: { method?: string; query?: Record<string, string | number | boolean | string[] | undefined>; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const key = getKey();
  if (!key) throw new ApiError('请先在页面顶部输入 API 密钥（演示模式可用 demo-public、demo-recruiter 等）。', 401);
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(opts.query ?? {})) {
    if (value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(v));
  }
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method: opts.method ?? 'GET', headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError('无法连接到服务，请检查网络或服务是否在运行。', 0);
  }
  const text = await res.text();
  let body: unknown;
  try { body = text ? JSON.parse(text) : undefined; } catch { body = undefined; }
  if (!res.ok) {
    const p = (body && typeof body === 'object' ? body : {}) as Problem;
    const retry = Number(res.headers.get('retry-after'));
    throw new ApiError(explain(res.status, p), res.status, p, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }
  if (body === undefined) throw new ApiError(`服务返回了无法解析的内容（HTTP ${res.status}）。`, res.status);
  return body as T;
}
