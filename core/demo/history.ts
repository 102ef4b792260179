/**
 * Rows of the demo workspace's labelled history (the model page's download there, core/demo/workbook.ts
 * demoHistorySheet): trained in a few seconds. A module of its own so that the page can say the figure without
 * bundling the generator.
 */
export const DEMO_HISTORY_ROWS = 3000;
