import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  ColumnTargetInput,
  ListMeta,
  StagedFileView,
  WorklistImportResult,
  WorklistPreview,
} from '../../../../core/api';
import { ApiCallError } from '../../api/client';
import { pickFile } from '../../api/files';
import { followJob, jobError, type JobUpdate } from '../../api/jobs';
import { useApi } from '../../api/ApiContext';

export const importExtensions = ['xlsx', 'xls', 'ods', 'csv'] as const;

export type Stage = 'pick' | 'uploading' | 'reading' | 'password' | 'review' | 'importing' | 'done';
export type OnRejected = 'import-valid' | 'import-nothing';

/** Re-checking after each change of the mapping waits this long for the next change. */
const RECHECK_DELAY_MS = 450;

/** A protected file read without (or with a wrong) password comes back as a failed job with its own code. */
export function passwordProblem(error: unknown): 'needs' | 'wrong' | null {
  if (!(error instanceof ApiCallError)) return null;
  return error.code === 'needs-password' ? 'needs' : error.code === 'wrong-password' ? 'wrong' : null;
}

export interface ListForm {
  name: string;
  type: ListMeta['type'];
  period: string;
  dueDate: string | null;
}

const formFrom = (list: ListMeta): ListForm => ({ name: list.name, type: list.type, period: list.period ?? '', dueDate: list.dueDate });

export interface ImportFlow {
  stage: Stage;
  file: StagedFileView | null;
  chosenName: string | null;
  progress: JobUpdate | null;
  preview: WorklistPreview | null;
  /** A re-check is running (the preview on screen is about to be replaced). */
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

export function useImportFlow(): ImportFlow {
  const api = useApi();
  const [stage, setStage] = useState<Stage>('pick');
  const [file, setFile] = useState<StagedFileView | null>(null);
  const [chosenName, setChosenName] = useState<string | null>(null);
  const [progress, setProgress] = useState<JobUpdate | null>(null);
  const [preview, setPreview] = useState<WorklistPreview | null>(null);
  const [rechecking, setRechecking] = useState(false);
  const [previewJobId, setPreviewJobId] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnTargetInput[]>([]);
  const [list, setListState] = useState<ListForm>({ name: '', type: 'other', period: '', dueDate: null });
  const [onRejected, setOnRejected] = useState<OnRejected>('import-valid');
  const [saveProfile, setSaveProfile] = useState(true);
  const [password, setPassword] = useState('');
  const [passwordWrong, setPasswordWrong] = useState(false);
  const [result, setResult] = useState<WorklistImportResult | null>(null);
  const [importJobId, setImportJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);
  const [busy, setBusy] = useState(false);

  // Only the latest request counts: a re-check started later makes an earlier answer stale.
  const seq = useRef(0);
  const running = useRef<string | null>(null);
  const listTouched = useRef(false);
  const recheckTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const disposed = useRef(false);
  // Values the debounced re-check reads when it fires.
  const current = useRef({ file, password, preview, mapping });
  useEffect(() => {
    current.current = { file, password, preview, mapping };
  });

  const cancelRunning = useCallback(() => {
    const id = running.current;
    running.current = null;
    if (id) void api.call('job-cancel', { jobId: id }).catch(() => undefined);
  }, [api]);

  const runPreview = useCallback(
    async (staged: StagedFileView, options: ReadOptions, pass: string, initial: boolean) => {
      clearTimeout(recheckTimer.current);
      cancelRunning();
      const mine = ++seq.current;
      const isCurrent = () => mine === seq.current && !disposed.current;
      setError(null);
      setCancelled(false);
      setProgress(null);
      setBusy(true);
      if (initial) setStage('reading');
      else setRechecking(true);
      try {
        const started = await api.call('worklist-import-preview', {
          file: staged.token,
          ...(options.sheet !== undefined && { sheet: options.sheet }),
          ...(options.headerRow !== undefined && { headerRow: options.headerRow }),
          ...(options.mapping && { mapping: options.mapping }),
          ...(pass && { password: pass }),
        });
        if (!isCurrent()) return void api.call('job-cancel', { jobId: started.id }).catch(() => undefined);
        running.current = started.id;
        const job = await followJob(api, started, (u) => isCurrent() && setProgress(u), isCurrent);
        if (!isCurrent()) return;
        running.current = null;
        if (job.state === 'done') {
          const p = job.result!;
          setPreview(p);
          setPreviewJobId(job.id);
          setMapping(p.columns.map((c) => c.target));
          setPasswordWrong(false);
          if (!listTouched.current) setListState(formFrom(p.list));
          setStage('review');
        } else if (job.state === 'cancelled') {
          // A re-check is cancelled only by the next one; the user cancels only the first reading.
          if (initial) {
            setCancelled(true);
            setStage('pick');
          }
        } else {
          const e = jobError(job);
          const pw = passwordProblem(e);
          if (pw) {
            setPasswordWrong(pw === 'wrong' || pass !== '');
            setStage('password');
          } else {
            setError(e);
            if (initial) setStage('pick');
          }
        }
      } catch (e) {
        if (!isCurrent()) return;
        running.current = null;
        setError(e);
        if (initial) setStage('pick');
      } finally {
        if (isCurrent()) {
          setBusy(false);
          setRechecking(false);
          setProgress(null);
        }
      }
    },
    [api, cancelRunning],
  );

  const choose = useCallback(() => {
    // Called in the click handler: the browser's file input needs the user's gesture.
    const picking = pickFile(api, {
      extensions: importExtensions,
      title: undefined,
      onChosen: ([name]) => {
        setChosenName(name ?? null);
        setError(null);
        setStage('uploading');
      },
    });
    void picking.then(
      (staged) => {
        if (disposed.current) return;
        if (!staged) {
          setStage((s) => (s === 'uploading' ? 'pick' : s));
          return;
        }
        setFile(staged);
        setPreview(null);
        setPreviewJobId(null);
        setPassword('');
        setPasswordWrong(false);
        setResult(null);
        listTouched.current = false;
        void runPreview(staged, {}, '', true);
      },
      (e: unknown) => {
        if (disposed.current) return;
        setError(e);
        setStage('pick');
      },
    );
  }, [api, runPreview]);

  const submitPassword = useCallback(
    (pass: string) => {
      setPassword(pass);
      if (file) void runPreview(file, {}, pass, true);
    },
    [file, runPreview],
  );

  const setSheet = useCallback(
    (sheet: string) => {
      if (!file) return;
      listTouched.current = false;
      void runPreview(file, { sheet }, password, false);
    },
    [file, password, runPreview],
  );

  const setHeaderRow = useCallback(
    (headerRow: number) => {
      if (!file || !preview) return;
      void runPreview(file, { sheet: preview.sheet, headerRow }, password, false);
    },
    [file, password, preview, runPreview],
  );

  const setTarget = useCallback(
    (index: number, target: ColumnTargetInput) => {
      setMapping((m) => m.map((t, i) => (i === index ? target : t)));
      clearTimeout(recheckTimer.current);
      setRechecking(true);
      recheckTimer.current = setTimeout(() => {
        const { file: f, preview: p, password: pass, mapping: m } = current.current;
        if (f && p) void runPreview(f, { sheet: p.sheet, headerRow: p.headerRow, mapping: m }, pass, false);
      }, RECHECK_DELAY_MS);
    },
    [runPreview],
  );

  const setList = useCallback((patch: Partial<ListForm>) => {
    listTouched.current = true;
    setListState((l) => ({ ...l, ...patch }));
  }, []);

  const startImport = useCallback(() => {
    if (!file || !preview) return;
    clearTimeout(recheckTimer.current);
    cancelRunning();
    const mine = ++seq.current;
    const isCurrent = () => mine === seq.current && !disposed.current;
    setError(null);
    setCancelled(false);
    setProgress(null);
    setRechecking(false);
    setBusy(true);
    setStage('importing');
    void (async () => {
      try {
        const started = await api.call('worklist-import', {
          file: file.token,
          sheet: preview.sheet,
          headerRow: preview.headerRow,
          mapping,
          list: { name: list.name.trim(), type: list.type, period: list.period.trim() || null, dueDate: list.dueDate },
          onRejected,
          saveProfile,
          ...(password && { password }),
        });
        if (!isCurrent()) return;
        running.current = started.id;
        setImportJobId(started.id);
        const job = await followJob(api, started, (u) => isCurrent() && setProgress(u), isCurrent);
        if (!isCurrent()) return;
        running.current = null;
        if (job.state === 'done') {
          setResult(job.result!);
          setStage('done');
        } else {
          if (job.state === 'cancelled') setCancelled(true);
          else setError(jobError(job));
          setStage('review');
        }
      } catch (e) {
        if (!isCurrent()) return;
        running.current = null;
        setError(e);
        setStage('review');
      } finally {
        if (isCurrent()) {
          setBusy(false);
          setProgress(null);
        }
      }
    })();
  }, [api, cancelRunning, file, list, mapping, onRejected, password, preview, saveProfile]);

  const cancel = useCallback(() => {
    // The job reports "cancelled" when its rollback is done; the follower then moves the flow on.
    const id = running.current;
    if (id) void api.call('job-cancel', { jobId: id }).catch(() => undefined);
  }, [api]);

  const dispose = useCallback(() => {
    clearTimeout(recheckTimer.current);
    cancelRunning();
    disposed.current = true;
    seq.current++;
  }, [cancelRunning]);

  useEffect(() => () => clearTimeout(recheckTimer.current), []);

  return {
    stage,
    file,
    chosenName,
    progress,
    preview,
    rechecking,
    previewJobId,
    mapping,
    list,
    onRejected,
    saveProfile,
    password,
    passwordWrong,
    result,
    importJobId,
    error,
    cancelled,
    busy,
    choose,
    submitPassword,
    setSheet,
    setHeaderRow,
    setTarget,
    setList,
    setOnRejected,
    setSaveProfile,
    startImport,
    cancel,
    dispose,
  };
}
