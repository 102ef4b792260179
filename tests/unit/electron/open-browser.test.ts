import { describe, expect, it } from 'vitest';
import { browserOpenCommand, hasDisplay } from '../../../electron/open-browser';

const url = 'http://127.0.0.1:5173/#secret=AbC_12-xyz';

describe('hasDisplay', () => {
  it('assumes a desktop on Windows and macOS', () => {
    expect(hasDisplay('win32', {})).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
  });

  it('needs X11 or Wayland on Linux', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: '' })).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
  });
});

describe('browserOpenCommand', () => {
  it('uses xdg-open on a Linux desktop', () => {
    expect(browserOpenCommand('linux', { DISPLAY: ':0' }, url)).toEqual({ command: 'xdg-open', args: [url], verbatim: false });
  });

  it('does nothing on a headless Linux box', () => {
    expect(browserOpenCommand('linux', {}, url)).toBeNull();
  });

  it('uses open on macOS', () => {
    expect(browserOpenCommand('darwin', {}, url)).toEqual({ command: 'open', args: [url], verbatim: false });
  });

  it('uses start through cmd on Windows, with an empty window title', () => {
    const cmd = browserOpenCommand('win32', {}, url);
    expect(cmd?.command).toBe('cmd.exe');
    expect(cmd?.verbatim).toBe(true);
    expect(cmd?.args.slice(0, 3)).toEqual(['/d', '/s', '/c']);
    expect(cmd?.args[3]).toBe(`start "" ${url}`);
  });

  it('escapes & for cmd.exe', () => {
    expect(browserOpenCommand('win32', {}, 'http://127.0.0.1:1/?a=1&b=2')?.args[3]).toBe('start "" http://127.0.0.1:1/?a=1^&b=2');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'http://127.0.0.1:1/ & calc.exe',
    'http://127.0.0.1:1/"&calc',
    'not a url',
  ])('refuses to open %s', (bad) => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(browserOpenCommand(platform, { DISPLAY: ':0' }, bad)).toBeNull();
    }
  });

  it('refuses cmd metacharacters on Windows only', () => {
    const odd = 'http://127.0.0.1:1/%USERPROFILE%';
    expect(browserOpenCommand('win32', {}, odd)).toBeNull();
    expect(browserOpenCommand('linux', { DISPLAY: ':0' }, odd)?.args).toEqual([odd]);
  });
});
