import { failedResult, isOperationName, operations, type ApiResult, type OperationName, type Role } from '../../core/api';
import { failure, zodFailure } from './failure';
import type { HandlerContext } from './context';
import { handlers } from './handlers';
import type { Handler } from './handlers/types';

const rank: Record<Role | 'public', number> = { public: 0, agent: 1, supervisor: 2 };

/**
 * The one entry point both transports and the CLI call: check the name and the caller's role, validate the
 * input against the contract, run the handler, validate what it returns, and turn every failure into
 * `{ code, messageKey, params, message }` data so nothing but JSON ever crosses a process boundary.
 */
export async function dispatch(ctx: HandlerContext, name: string, rawInput: unknown): Promise<ApiResult<unknown>> {
  if (!isOperationName(name)) return failedResult('unknown-operation', 'api.unknown-operation', { name: String(name).slice(0, 80) });
  const def = operations[name];
  if (rank[ctx.caller.role] < rank[def.role]) {
    if (ctx.caller.role === 'public') return failedResult('unauthenticated', 'api.sign-in-first');
    return failedResult('forbidden', def.role === 'supervisor' ? 'api.needs-role.supervisor' : 'api.needs-role.agent');
  }
  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) return failure(parsed.error);
  try {
    const handler = handlers[name] as Handler<OperationName>;
    const output = await handler(ctx, parsed.data as never);
    // Checked on the way out too: a handler that drifts from the contract fails loudly here, not in the UI.
    const checked = def.output.safeParse(output);
    if (!checked.success) {
      return failedResult('internal', 'api.output-mismatch', { operation: name, problem: zodFailure('internal', checked.error).message });
    }
    return { ok: true, data: checked.data };
  } catch (e) {
    return failure(e);
  }
}
