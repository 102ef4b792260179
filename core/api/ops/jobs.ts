import { z } from 'zod';
import { op } from '../operation';
import { fileToken, jobView, stagedFileView } from '../exchange';

export const jobsOperations = {
  'job-get': op({
    summary: 'The state of a long job (import, recompute, report…) and its result once done.',
    role: 'agent',
    input: z.object({ jobId: z.string().uuid() }),
    output: jobView,
  }),

  'job-cancel': op({
    summary: 'Cancel a running job; it rolls back, leaving the workspace as it was.',
    role: 'agent',
    input: z.object({ jobId: z.string().uuid() }),
    output: jobView,
  }),

  'file-release': op({
    summary: 'Forget an uploaded or downloadable file (and delete the staged copy).',
    role: 'agent',
    input: z.object({ token: fileToken }),
    output: z.object({}),
  }),

  'file-pick': op({
    summary: 'Desktop only: the open-file dialog; the chosen file is registered and its token returned (null when cancelled). Browser mode uploads instead.',
    role: 'agent',
    input: z.object({ title: z.string().max(200).optional(), extensions: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).max(20) }),
    output: stagedFileView.nullable(),
  }),

  'file-save': op({
    summary: 'Desktop only: the save dialog for a file the backend produced. Browser mode downloads it instead.',
    role: 'agent',
    input: z.object({ token: fileToken }),
    output: z.object({ saved: z.boolean() }),
  }),
} as const;
