import { type ApiFailure, isOperationName, operations, type ApiResult, type OperationName, type Role } from '../../core/api';
import { describeZodError, failure } from './failure';
import type { HandlerContext } from './context';
import { handlers } from './handlers';
import type { Handler } from './handlers/types';

const rank: Record<Role | 'public', number> = { public: 0, agent: 1, supervisor: 2 };

/**
 * The one entry point both transports and the CLI call: check the name and the caller's role, validate the
 * input against the contract, run the handler, validate what it returns, and turn every failure into
 * `{ code, message }` data so nothing but JSON ever crosses a process boundary.
 */
export async function dispatch(ctx: HandlerContext, name: string, rawInput: unknown): Promise<ApiResult<unknown>> {
  if (!isOperationName(name)) return fail('unknown-operation', `Unknown operation: ${String(name).slice(0, 80)}`);
  const def = operations[name];
  if (rank[ctx.caller.role] < rank[def.role]) {
    if (ctx.caller.role === 'public') return fail('unauthenticated', '请先登录。 / Sign in first.');
    return fail('forbidden', `此操作需要${def.role === 'supervisor' ? '主管' : '坐席'}权限。 / This operation needs the ${def.role} role.`);
  }
  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return fail('invalid-input', describeZodError(parsed.error), parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  try {
    const handler = handlers[name] as Handler<OperationName>;
    const output = await handler(ctx, parsed.data as never);
    // Checked on the way out too: a handler that drifts from the contract fails loudly here, not in the UI.
    const checked = def.output.safeParse(output);
    if (!checked.success) {
      return fail('internal', `The backend produced an answer that does not match the contract for ${name}: ${describeZodError(checked.error)}`);
    }
    return { ok: true, data: checked.data };
  } catch (e) {
    return failure(e);
  }
}

function fail(code: ApiFailure['code'], message: string, details?: unknown): ApiResult<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}
