import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export function EmptyState({ icon, title, body, action }: { icon?: ReactNode; title: string; body?: ReactNode; action?: ReactNode }) {
  return (
    <Box
      role="status"
      sx={{ py: 6, px: 3, textAlign: 'center', color: 'text.secondary', display: 'grid', justifyItems: 'center', gap: 1 }}
    >
      {icon && <Box sx={{ color: 'primary.main', opacity: 0.7, '& svg': { fontSize: 48 } }}>{icon}</Box>}
      <Typography variant="h6" component="p" sx={{ color: 'text.primary' }}>
        {title}
      </Typography>
      {body && <Typography variant="body2">{body}</Typography>}
      {action}
    </Box>
  );
}
