import { session } from './session.js';

/** A failed API call, carrying the connector's stable error code and its message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const BASE = '/api/v1';

async function request(method, path, body, key = session.key()) {
  const headers = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path.startsWith('/') ? path : `${BASE}/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'network_error', 'The connector cannot be reached. Check that it is running.');
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const code = data && data.error ? data.error : `http_${response.status}`;
    const message = data && data.message ? data.message : `${method} ${path} answered ${response.status}`;
    if (response.status === 401 && key === session.key()) window.dispatchEvent(new CustomEvent('enhancer:unauthorized'));
    throw new ApiError(response.status, code, message);
  }
  return data;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body ?? {}),
  put: (path, body) => request('PUT', path, body ?? {}),
  delete: (path) => request('DELETE', path),
  /** Checks a key before it is stored: answers the key's role. */
  whoAmI: (key) => request('GET', 'me', undefined, key),
};

/** Query string from an object, skipping blank values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * An object URL for an image behind the API: an <img> cannot send the Bearer key, so the bytes are fetched here.
 * URLs on other origins (a public CDN) are used as they are.
 */
export async function imageUrl(url) {
  const target = new URL(url, window.location.href);
  if (target.origin !== window.location.origin) return url;
  const response = await fetch(target, { headers: { Authorization: `Bearer ${session.key()}` }, cache: 'no-store' });
  if (!response.ok) {
    let message = `image answered ${response.status}`;
    try {
      const data = await response.json();
      if (data && data.message) message = data.message;
    } catch {
      // not JSON: keep the status message
    }
    throw new ApiError(response.status, 'image_unavailable', message);
  }
  return URL.createObjectURL(await response.blob());
}
