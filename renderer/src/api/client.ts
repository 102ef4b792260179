import type { ApiError, ApiResult, EventName, EventPayload, OperationInput, OperationName, OperationOutput, StagedFileView } from '../../../core/api';
import { ApiCallError } from './failure';
import type { Transport } from './transport';

export { ApiCallError };

export interface ApiClient {
  call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>>;
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
  readonly transportKind: Transport['kind'];
  /** The signed-in session's token, sent with every call; null signs out locally (see app/session.ts). */
  setSession(token: string | null): void;
  /** Called when the backend says the session is gone (idle timeout, restart); returns the unsubscribe function. */
  /** The session the screen holds is gone: `error` says why (api.sign-in-first, or api.session-ended.*). */
  onSessionEnded(listener: (error: ApiError) => void): () => void;
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
export function createApiClient(transport: Transport, session: string | null = null): ApiClient {
  let token = session;
  transport.setSession?.(session);
  const ended = new Set<(error: ApiError) => void>();
  return {
    transportKind: transport.kind,
    setSession(next) {
      token = next;
      transport.setSession?.(next);
    },
    onSessionEnded(listener) {
      ended.add(listener);
      return () => ended.delete(listener);
    },
    async call(name, input) {
      const sentWith = token;
      const result = await transport.invoke(name, input, sentWith);
      if (!result.ok) {
        // Only the session the screen holds now: an answer to a call sent with one signed out of since (slow, at a
        // million customers) must not end the session signed in after it.
        if (result.error.code === 'unauthenticated' && sentWith !== null && sentWith === token) for (const l of ended) l(result.error);
        throw new ApiCallError(result.error);
      }
      return result.data as never;
    },
    on: (name, listener) => transport.on(name, listener),
    ...(transport.upload && { upload: async (file: File) => unwrap(await transport.upload!(file, token)) }),
    ...(transport.download && { download: async (file: StagedFileView) => unwrap(await transport.download!(file, token)) }),
  };
}
