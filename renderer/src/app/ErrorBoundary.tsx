import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { translator, useLocaleStore } from '../i18n';

/** A rendering bug must leave a readable message, not a blank window the agent cannot explain. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const t = translator(useLocaleStore.getState().locale);
    return (
      <Box sx={{ p: 4 }}>
        <Alert severity="error">
          <AlertTitle>{t('boot.fatal.title')}</AlertTitle>
          {this.state.error.message}
        </Alert>
      </Box>
    );
  }
}
