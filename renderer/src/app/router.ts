import { useSyncExternalStore } from 'react';

/** Hash routes: they work the same from file:// (Electron) and from the browser-mode server. */
export const routes = ['hall', 'queue', 'lists', 'dashboard', 'accounts'] as const;
export type Route = (typeof routes)[number];
export const defaultRoute: Route = 'hall';

export const hrefFor = (route: Route): string => `#/${route}`;

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?&]/)[0];
  return (routes as readonly string[]).includes(name ?? '') ? (name as Route) : defaultRoute;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => parse(window.location.hash));
}
