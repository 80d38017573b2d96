import { inputError } from '../../errors.js';

/** The URL as it may be shown: its password (userinfo or `?password=`) removed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    if (u.searchParams.has('password')) u.searchParams.set('password', '');
    return u.toString();
  } catch {
    // Not a URL the WHATWG parser reads: cut whatever sits between `user:` and `@`.
    return url.replace(/(\/\/[^/:@]*):[^@/]*@/, '$1@').replace(/([?&]password=)[^&]*/i, '$1');
  }
}

/** The password in the URL, to scrub from messages that quote a driver's text; '' when none. */
export function passwordOf(url: string): string {
  try {
    const u = new URL(url);
    return decodeURIComponent(u.password || u.searchParams.get('password') || '');
  } catch {
    return /\/\/[^/:@]*:([^@/]*)@/.exec(url)?.[1] ?? '';
  }
}

/** Refuses anything but a postgres:// or postgresql:// URL, naming it without its password. */
export function checkStoreUrl(url: string): void {
  if (/^postgres(?:ql)?:\/\//i.test(url)) return;
  throw inputError('E_STORE_URL', `the shared store must be a PostgreSQL URL (postgres://USER:PASSWORD@HOST:5432/DB), not ${JSON.stringify(redactUrl(url))}`, {
    field: '--store',
  });
}
