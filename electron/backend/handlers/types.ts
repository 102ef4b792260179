import type { OperationName, OperationOutput, OperationParsedInput } from '../../../core/api';
import type { HandlerContext } from '../context';

export type Handler<N extends OperationName> = (
  ctx: HandlerContext,
  input: OperationParsedInput<N>,
) => OperationOutput<N> | Promise<OperationOutput<N>>;

/** Every operation of the contract has exactly one handler; per-domain maps are joined in handlers/index.ts. */
export type HandlerMap = { [N in OperationName]: Handler<N> };
