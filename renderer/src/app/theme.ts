import { createTheme, type Theme } from '@mui/material/styles';
import { enUS, zhCN } from '@mui/material/locale';
import type { Locale } from '../i18n';

// Offline: no web fonts. These are the CJK system fonts of macOS, Windows and Linux, each with decent Latin.
export const fontStack = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

/** What a user's system asks for: "show animations" off in Windows, "reduce motion" in macOS and Linux desktops. */
export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

/**
 * With `reducedMotion` (the system's setting, REDUCED_MOTION_QUERY), nothing slides, fades or ripples: dialogs, menus,
 * tooltips and notices appear and go at once, and a click leaves no wave. Counter PCs are often old, and an agent who
 * turned animations off in Windows expects the app to follow (WCAG 2.3.3).
 */
export function createAppTheme(locale: Locale, opts: { reducedMotion?: boolean } = {}): Theme {
  const still = opts.reducedMotion === true;
  return createTheme(
    {
      ...(still && {
        transitions: {
          create: () => 'none',
          duration: { shortest: 0, shorter: 0, short: 0, standard: 0, complex: 0, enteringScreen: 0, leavingScreen: 0 },
        },
      }),
      palette: {
        mode: 'light',
        primary: { main: '#0b63c4', dark: '#084a94', light: '#e8f1fc', contrastText: '#ffffff' },
        secondary: { main: '#00838f' },
        background: { default: '#f3f5f8', paper: '#ffffff' },
        text: { primary: '#1c2430', secondary: '#5b6675' },
        divider: '#e1e5eb',
      },
      shape: { borderRadius: 8 },
      typography: {
        fontFamily: fontStack,
        fontSize: 14,
        // CJK glyphs need a little more line height than Latin to stay legible at 14px.
        body1: { fontSize: '0.9375rem', lineHeight: 1.6 },
        body2: { fontSize: '0.875rem', lineHeight: 1.6 },
        caption: { fontSize: '0.8125rem' },
        h5: { fontWeight: 600 },
        h6: { fontWeight: 600, fontSize: '1.0625rem' },
        subtitle1: { fontWeight: 600 },
        subtitle2: { fontWeight: 600, fontSize: '0.875rem' },
        button: { textTransform: 'none', fontWeight: 600 },
      },
      components: {
        MuiCssBaseline: {
          styleOverrides: {
            // The CJK fonts draw ’ “ ” full-width; in English text (core's messages use them) that reads as a gap. Not in
            // what is marked Chinese (the offers' scripts): there it made ，。 half-width, 您好,我是 (found by an agent).
            // Buttons and fields take it too: the browser's own style for them resets it, and an English offer name on an
            // outcome button read "kids’  and seniors’  phones".
            body: {
              fontVariantNumeric: 'tabular-nums',
              ...(locale === 'en'
                ? { fontFeatureSettings: '"pwid"', '& button, & input, & textarea': { fontFeatureSettings: 'inherit' }, '& :lang(zh)': { fontFeatureSettings: 'normal' } }
                : {}),
            },
          },
        },
        ...(still && { MuiButtonBase: { defaultProps: { disableRipple: true } } }),
        MuiPaper: { defaultProps: { elevation: 0 } },
        MuiAppBar: { defaultProps: { elevation: 0, color: 'primary' } },
        MuiTableCell: {
          styleOverrides: {
            root: { fontSize: '0.875rem' },
            head: { fontWeight: 600, color: '#5b6675', backgroundColor: '#f8f9fb', whiteSpace: 'nowrap' },
          },
        },
        MuiChip: { styleOverrides: { label: { fontWeight: 500 } } },
        MuiTooltip: { styleOverrides: { tooltip: { fontSize: '0.8125rem', lineHeight: 1.5, maxWidth: 320 } } },
      },
    },
    locale === 'zh-CN' ? zhCN : enUS,
  );
}
