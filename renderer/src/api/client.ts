import type { ApiError, ApiResult, EventName, EventPayload, OperationInput, OperationName, OperationOutput, StagedFileView } from '../../../core/api';
import type { Transport } from './transport';

/** Thrown by `api.call` when the backend answers with `{ code, message }`. */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
  get code() {
    return this.error.code;
  }
}

export interface ApiClient {
  call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>>;
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
  readonly transportKind: Transport['kind'];
  /** Browser mode's file transfer (see Transport.upload); absent on the desktop. Use api/files.ts, not these. */
  readonly upload?: (file: File) => Promise<StagedFileView>;
  readonly download?: (file: StagedFileView) => Promise<Blob>;
}

function unwrap<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new ApiCallError(result.error);
  return result.data;
}

/**
 * The renderer's typed client. The backend already validated input and output against the contract, so
 * the renderer trusts the shape and does not ship a second copy of the validation work.
 */
export function createApiClient(transport: Transport): ApiClient {
  return {
    transportKind: transport.kind,
    async call(name, input) {
      const result = await transport.invoke(name, input);
      if (!result.ok) throw new ApiCallError(result.error);
      return result.data as never;
    },
    on: (name, listener) => transport.on(name, listener),
    ...(transport.upload && { upload: async (file: File) => unwrap(await transport.upload!(file)) }),
    ...(transport.download && { download: async (file: StagedFileView) => unwrap(await transport.download!(file)) }),
  };
}
