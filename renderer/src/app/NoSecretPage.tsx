import KeyIcon from '@mui/icons-material/Key';
import Box from '@mui/material/Box';
import CssBaseline from '@mui/material/CssBaseline';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import { ThemeProvider } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { translator, type Locale } from '../i18n';
import { createAppTheme } from './theme';

/**
 * Browser mode opened without the per-run secret (a bookmark, a typed address, a new tab). Nothing can be
 * loaded without it, and the user may not have chosen a language yet, so say it in both.
 */
export function NoSecretPage() {
  const blocks: Locale[] = ['zh-CN', 'en'];
  return (
    <ThemeProvider theme={createAppTheme('zh-CN')}>
      <CssBaseline />
      <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 3 }}>
        <Paper variant="outlined" sx={{ maxWidth: 640, p: 4 }} role="alert" data-testid="no-secret">
          <KeyIcon color="primary" sx={{ fontSize: 40, mb: 1 }} aria-hidden />
          {blocks.map((locale, i) => {
            const t = translator(locale);
            return (
              <Box key={locale} lang={locale}>
                {i > 0 && <Divider sx={{ my: 3 }} />}
                <Typography variant="h5" component="h1" gutterBottom>
                  {t('boot.noSecret.title')}
                </Typography>
                <Typography variant="body1" sx={{ mb: 1 }}>
                  {t('boot.noSecret.body')}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {t('boot.noSecret.hint')}
                </Typography>
              </Box>
            );
          })}
        </Paper>
      </Box>
    </ThemeProvider>
  );
}
