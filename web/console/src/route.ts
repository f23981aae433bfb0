// The console's address: everything after `#`, so filters and the open case survive a reload
// and can be shared, and the page itself is one document (the tokens stay in memory).
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  /** Path segments: ['queue', 'mine'], ['case', '<id>'], ... */
  path: string[];
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const [path = '', search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return {
    path: path.split('/').filter(Boolean).map(decodeURIComponent),
    params: new URLSearchParams(search),
  };
}

export function href(path: string[], params: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const query = search.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${query ? `?${query}` : ''}`;
}

export const go = (path: string[], params: Record<string, string | undefined> = {}) => {
  location.hash = href(path, params);
};

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const changed = () => setRoute(currentRoute());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}
