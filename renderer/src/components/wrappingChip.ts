/**
 * A small chip whose label wraps onto a second line rather than being cut short when its column is narrower than the
 * label: at 1366×768 the queue's columns are 104–132 px, and English labels read "No-contract c…", "Call-back d…"
 * (found by new users).
 */
export const wrappingChipSx = { maxWidth: '100%', height: 'auto', minHeight: 24, '& .MuiChip-label': { whiteSpace: 'normal', overflowWrap: 'anywhere', lineHeight: 1.25, py: '2px' } } as const;
