/**
 * The sizes of the files the demo workspace hands a supervisor to try the app with (core/demo/workbook.ts
 * demoFileSheet): a module of its own so that the pages can say them without bundling the generator.
 */

/** Rows of the labelled history (the churn model's): trained in a few seconds. */
export const DEMO_HISTORY_ROWS = 3000;

/** Customers on the work list to try an import with: 100 the workspace has, 200 new (two more rows are its mistakes). */
export const DEMO_IMPORT_CUSTOMERS = 300;
