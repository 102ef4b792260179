import { useApiQuery } from '../api/query';

/**
 * The agents' names by id, as a supervisor knows them (`agent-list`, a supervisor's read): the queue's agent column,
 * the Progress page's tables and filter, the analysis drill-down. `enabled` false reads nothing (an agent's screen).
 */
export function useAgentNames(enabled = true): ReadonlyMap<string, string> {
  const items = useApiQuery('agent-list', {}, { enabled }).data?.items;
  return new Map((items ?? []).map((a) => [a.id, a.name]));
}
