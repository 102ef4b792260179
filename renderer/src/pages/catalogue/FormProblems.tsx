import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import { useT } from '../../i18n';
import type { Errors } from './formCheck';

/** Every reason an edit dialog will not save yet, listed under a count once the user has tried to save. */
export function FormProblems({ errors, tried, testId }: { errors: Errors<string>; tried: boolean; testId: string }) {
  const t = useT();
  const problems = Object.keys(errors).length;
  if (!tried || problems === 0) return null;
  return (
    <Alert severity="error" data-testid={testId}>
      <AlertTitle>{t('catalogue.fix', { count: problems })}</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {Object.values(errors).map((m) => (
          <li key={m}>{m}</li>
        ))}
      </Box>
    </Alert>
  );
}
