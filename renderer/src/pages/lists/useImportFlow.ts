import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ColumnTargetInput, StagedFileView, WorklistImportResult, WorklistPreview } from '../../../../core/api';
import { useApi } from '../../api/ApiContext';
import { jobOutcome } from '../../api/fileJobFlow';
import type { JobUpdate } from '../../api/jobs';
import { useFileJobFlow } from '../../components/useFileJobFlow';
import { useJobRunner } from '../../components/useJobRunner';
import { importReducer, importStage, initialImport, isRechecking, sheetsShown, type ListForm, type OnRejected, type Stage } from './importFlow';

export type { ListForm, OnRejected, Stage } from './importFlow';

/** Re-checking after each change of the mapping waits this long for the next change. */
const RECHECK_DELAY_MS = 450;

export interface ImportFlow {
  stage: Stage;
  file: StagedFileView | null;
  chosenName: string | null;
  progress: JobUpdate | null;
  preview: WorklistPreview | null;
  /** The sheet picker's sheets, with the rows counted by earlier previews of the file where this one read a sheet alone. */
  sheets: WorklistPreview['sheets'];
  /** A re-check is due or running (the preview on screen is about to be replaced). */
  rechecking: boolean;
  previewJobId: string | null;
  mapping: ColumnTargetInput[];
  list: ListForm;
  onRejected: OnRejected;
  saveProfile: boolean;
  password: string;
  passwordWrong: boolean;
  result: WorklistImportResult | null;
  importJobId: string | null;
  /** Failure of the current step, shown inline; the flow stays where it was so the user can retry. */
  error: unknown;
  cancelled: boolean;
  /** True while a job (preview or import) runs that Cancel would stop. */
  busy: boolean;
  choose(): void;
  submitPassword(password: string): void;
  setSheet(sheet: string): void;
  setHeaderRow(row: number): void;
  setTarget(index: number, target: ColumnTargetInput): void;
  setList(patch: Partial<ListForm>): void;
  setOnRejected(choice: OnRejected): void;
  setSaveProfile(save: boolean): void;
  startImport(): void;
  cancel(): void;
  /** Stops whatever runs, so the dialog can close. */
  dispose(): void;
}

interface ReadOptions {
  sheet?: string;
  headerRow?: number;
  mapping?: ColumnTargetInput[];
}

/**
 * The work-list import: the shared file flow reads the file (password, preview, re-checks: only the latest
 * counts, and a new one cancels the one it replaces), and importReducer (importFlow.ts) holds the mapping, the
 * list and the import job on top of it.
 */
export function useImportFlow(): ImportFlow {
  const api = useApi();
  const [own, dispatch] = useReducer(importReducer, undefined, initialImport);
  const read = useFileJobFlow({
    cancelOnUnmount: true,
    start: ([file], password) => api.call('worklist-import-preview', { file: file!.token, ...(password && { password }) }),
    onChosen: () => dispatch({ type: 'file-chosen' }),
  });
  const importer = useJobRunner();
  const recheckTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Values the debounced re-check reads when it fires.
  const current = useRef({ read, own });
  useEffect(() => {
    current.current = { read, own };
  });

  const readWith = useCallback(
    async (options: ReadOptions, password: string) => {
      clearTimeout(recheckTimer.current);
      const o = await read.run(password, ([file]) =>
        api.call('worklist-import-preview', {
          file: file!.token,
          ...(options.sheet !== undefined && { sheet: options.sheet }),
          ...(options.headerRow !== undefined && { headerRow: options.headerRow }),
          ...(options.mapping && { mapping: options.mapping }),
          ...(password && { password }),
        }),
      );
      if (o?.kind === 'done') dispatch({ type: 'preview-read', preview: o.result });
    },
    [api, read],
  );

  const choose = useCallback(() => {
    // Called in the click handler: the browser's file input needs the user's gesture.
    clearTimeout(recheckTimer.current);
    void read.choose().then((o) => o?.kind === 'done' && dispatch({ type: 'preview-read', preview: o.result }));
  }, [read]);

  const submitPassword = useCallback((password: string) => void readWith({}, password), [readWith]);

  const setSheet = useCallback(
    (sheet: string) => {
      dispatch({ type: 'sheet-set' });
      void readWith({ sheet }, read.password);
    },
    [read.password, readWith],
  );

  const setHeaderRow = useCallback(
    (headerRow: number) => {
      if (read.result) void readWith({ sheet: read.result.sheet, headerRow }, read.password);
    },
    [read.password, read.result, readWith],
  );

  const setTarget = useCallback(
    (index: number, target: ColumnTargetInput) => {
      dispatch({ type: 'target-set', index, target });
      clearTimeout(recheckTimer.current);
      recheckTimer.current = setTimeout(() => {
        const { read: r, own: o } = current.current;
        if (!r.result) return;
        dispatch({ type: 'recheck-started' });
        void readWith({ sheet: r.result.sheet, headerRow: r.result.headerRow, mapping: o.mapping }, r.password);
      }, RECHECK_DELAY_MS);
    },
    [readWith],
  );

  const startImport = useCallback(() => {
    const file = read.files[0];
    const preview = read.result;
    if (!file || !preview) return;
    clearTimeout(recheckTimer.current);
    const { list, mapping, onRejected, saveProfile } = own;
    const password = read.password;
    dispatch({ type: 'import-started' });
    void (async () => {
      try {
        const job = await importer.run(() =>
          api.call('worklist-import', {
            file: file.token,
            sheet: preview.sheet,
            headerRow: preview.headerRow,
            mapping,
            list: { name: list.name.trim(), type: list.type, period: list.period.trim() || null, dueDate: list.dueDate },
            onRejected,
            saveProfile,
            ...(password && { password }),
          }),
        );
        if (job) dispatch({ type: 'import-ended', outcome: jobOutcome(job, password !== '') });
      } catch (error) {
        dispatch({ type: 'import-failed', error });
      }
    })();
  }, [api, importer, own, read.files, read.password, read.result]);

  const stage = importStage(read, own);
  const cancel = useCallback(() => {
    // The job reports "cancelled" when its rollback is done; the follower then moves the flow on.
    if (own.importing) importer.cancel();
    else read.cancel();
  }, [importer, own.importing, read]);

  const dispose = useCallback(() => {
    clearTimeout(recheckTimer.current);
    read.cancel();
    importer.abandon();
  }, [importer, read]);

  useEffect(() => () => clearTimeout(recheckTimer.current), []);

  return {
    stage,
    file: read.files[0] ?? null,
    chosenName: read.chosen[0] ?? null,
    progress: own.importing ? importer.progress : read.progress,
    preview: read.result,
    sheets: read.result ? sheetsShown(read.result, own) : [],
    rechecking: isRechecking(read, own),
    previewJobId: read.jobId,
    mapping: own.mapping,
    list: own.list,
    onRejected: own.onRejected,
    saveProfile: own.saveProfile,
    password: read.password,
    passwordWrong: read.passwordWrong,
    result: own.result,
    importJobId: own.importJobId,
    error: own.importError ?? read.error,
    cancelled: own.importCancelled || (stage === 'pick' && read.step === 'cancelled'),
    busy: own.importing || read.step === 'running',
    choose,
    submitPassword,
    setSheet,
    setHeaderRow,
    setTarget,
    setList: useCallback((patch: Partial<ListForm>) => dispatch({ type: 'list-set', patch }), []),
    setOnRejected: useCallback((choice: OnRejected) => dispatch({ type: 'on-rejected-set', choice }), []),
    setSaveProfile: useCallback((save: boolean) => dispatch({ type: 'save-profile-set', save }), []),
    startImport,
    cancel,
    dispose,
  };
}
