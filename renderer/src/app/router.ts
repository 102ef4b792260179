import { useSyncExternalStore } from 'react';

/** Hash routes: they work the same from file:// (Electron) and from the browser-mode server. */
export const routes = ['hall', 'queue', 'lists', 'campaigns', 'dashboard', 'catalogue', 'risk', 'contact', 'model', 'accounts', 'audit'] as const;
export type Route = (typeof routes)[number];
export const defaultRoute: Route = 'hall';

/** Screens for supervisors only (the backend refuses their operations to agents anyway). */
export const supervisorRoutes: ReadonlySet<Route> = new Set<Route>(['campaigns', 'dashboard', 'catalogue', 'risk', 'contact', 'model', 'accounts', 'audit']);

/** The route a signed-in person may see: a supervisor's screen asked for by an agent falls back to the hall. */
export const allowedRoute = (route: Route, role: 'agent' | 'supervisor' | undefined): Route =>
  supervisorRoutes.has(route) && role !== 'supervisor' ? defaultRoute : route;

export const hrefFor = (route: Route): string => `#/${route}`;

/** Shows another page (the address's fragment is the route). */
export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

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
