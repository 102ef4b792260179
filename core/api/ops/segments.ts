import { z } from 'zod';
import { segmentCondition, segmentName } from '../../segments/segment';
import { op } from '../operation';
import { ruleProblemView } from './catalogue';

const segmentView = z.object({ id: z.number().int(), name: z.string(), condition: z.unknown(), createdAt: z.string(), createdBy: z.string().nullable() });

/** What a segment holds now: never a clear number or name (docs/product.md §8). */
export const segmentPreviewView = z.object({
  /** Stored customers matching every condition (unknown counts as not matching). */
  count: z.number().int(),
  /** Stored customers scanned. */
  total: z.number().int(),
  sample: z.array(z.object({ msisdnMasked: z.string(), level: z.string().nullable(), hall: z.string().nullable() })),
  byLevel: z.array(z.object({ level: z.string().nullable(), count: z.number().int() })),
  byHall: z.array(z.object({ hall: z.string().nullable(), count: z.number().int() })),
  /** Customers in halls beyond the 50 largest, summed. */
  otherHalls: z.number().int(),
  warnings: z.array(ruleProblemView),
});

/**
 * Segments (issue 17 #1): a named condition over every stored customer, in the condition language of offer rules
 * (`{ all: [...] }`). A malformed condition is refused with its place (invalid-input, a rule.* message); a column
 * the workspace lacks is a warning (rule.column-absent): unknown, so it matches nobody until a file brings it.
 */
export const segmentOperations = {
  'segment-preview': op({
    summary: 'The live count of stored customers a condition selects, a masked sample of up to 10, and the split by level and hall.',
    role: 'supervisor',
    input: z.object({ condition: segmentCondition }),
    output: segmentPreviewView,
  }),

  'segment-save': op({
    summary: 'Save a segment by a new name (a name taken is refused: conflict); recorded in the audit log.',
    role: 'supervisor',
    input: z.object({ name: segmentName, condition: segmentCondition }),
    output: z.object({ segment: segmentView, warnings: z.array(ruleProblemView) }),
  }),

  'segment-rename': op({
    summary: 'Rename a saved segment (a name another segment has is refused: conflict); campaigns made from it keep theirs. Audited.',
    role: 'supervisor',
    input: z.object({ id: z.number().int(), name: segmentName }),
    output: z.object({ renamed: z.boolean() }),
  }),

  'segment-delete': op({
    summary: 'Delete a saved segment; campaigns made from it keep the condition they copied. Audited.',
    role: 'supervisor',
    input: z.object({ id: z.number().int() }),
    output: z.object({ deleted: z.boolean() }),
  }),

  'segment-list': op({
    summary: 'Every saved segment, by name.',
    role: 'supervisor',
    input: z.object({}),
    output: z.object({ items: z.array(segmentView) }),
  }),
} as const;
