import { expect, type Locator, type Page } from '@playwright/test';

export type UiLanguage = 'zh-CN' | 'en';
export type AppRoute = 'hall' | 'queue' | 'lists' | 'campaigns' | 'dashboard' | 'catalogue' | 'risk' | 'model' | 'accounts' | 'audit';

/**
 * Names match in both UI languages so a spec can switch language mid-test without switching page objects.
 * Anything whose text is data rather than UI copy is found by data-testid / data-* attributes instead.
 */
const navNames: Record<AppRoute, RegExp> = {
  hall: /^(营业厅查询|Hall look-up)$/,
  // The queue's name may be followed by the due call-backs a screen reader hears ("任务队列 1 个预约回访已到时间").
  queue: /^(任务队列|Queue)(?:$|\s)/,
  lists: /^(工作清单|Work lists)$/,
  campaigns: /^(挽留活动|Campaigns)$/,
  dashboard: /^(维系进度|Dashboard)$/,
  catalogue: /^(政策与资费|Offers & plans)$/,
  risk: /^(风险规则|Risk rules)$/,
  model: /^(离网模型|Churn model)$/,
  accounts: /^(账号管理|Accounts)$/,
  audit: /^(审计日志|Audit log)$/,
};
const languageNames: Record<UiLanguage, string> = { 'zh-CN': '中文', en: 'English' };

export class AppShell {
  constructor(readonly page: Page) {}

  /**
   * Opens the address printed by `serve` (…#secret=…; the app stores the secret and drops it from the URL) and
   * signs in — by default as the demo supervisor, who sees every screen; `as: null` stops at the sign-in page.
   */
  async open(url: string, opts: { as?: string | null; pin?: string } = {}): Promise<void> {
    await this.page.goto(url);
    const as = opts.as === undefined ? 'S001' : opts.as;
    if (as === null) return void (await expect(this.signInPage).toBeVisible());
    await this.signIn(as, opts.pin ?? '123456');
    await expect(this.nav).toBeVisible();
  }

  get signInPage(): Locator {
    return this.page.getByTestId('signin-page');
  }
  get signInError(): Locator {
    return this.page.getByTestId('signin-error');
  }

  async signIn(agentId: string, pin: string): Promise<void> {
    await this.page.getByTestId('signin-agent').fill(agentId);
    await this.page.getByTestId('signin-pin').fill(pin);
    await this.page.getByTestId('signin-submit').click();
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('sign-out').click();
    await expect(this.signInPage).toBeVisible();
  }

  /**
   * Ends the page's session on the server, as the 30-minute idle limit does: the page learns of it only at its next
   * call. `server` is the workspace's address and run secret (the app fixture's).
   */
  async endSessionOnServer(server: { origin: string; secret: string }): Promise<void> {
    // The page's own session token (the window's session storage: app/session.ts).
    const token = await this.page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('retention-desk-session'));
    expect(token).toBeTruthy();
    const res = await fetch(`${server.origin}/api/session-sign-out`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-retention-desk-secret': server.secret, 'x-retention-desk-session': token! },
      body: '{}',
    });
    expect(res.ok).toBe(true);
  }

  get nav(): Locator {
    return this.page.getByRole('navigation');
  }

  navLink(route: AppRoute): Locator {
    return this.nav.getByRole('link', { name: navNames[route] });
  }

  async goTo(route: AppRoute): Promise<void> {
    await this.navLink(route).click();
    await expect(this.navLink(route)).toHaveAttribute('aria-current', 'page');
  }

  languageButton(language: UiLanguage): Locator {
    return this.page.getByRole('button', { name: languageNames[language], exact: true });
  }

  async switchLanguage(language: UiLanguage): Promise<void> {
    await this.languageButton(language).click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', language);
  }

  async language(): Promise<UiLanguage> {
    return (await this.page.locator('html').getAttribute('lang')) === 'en' ? 'en' : 'zh-CN';
  }

  /** Shown only when app-info says the workspace is the generated demo. */
  get demoChip(): Locator {
    return this.page.getByTestId('demo-chip');
  }

  /** Hovers the demo chip and returns its tooltip (which explains that real work starts with an import). */
  async demoTooltip(): Promise<Locator> {
    await this.demoChip.hover();
    const tooltip = this.page.getByRole('tooltip');
    await expect(tooltip).toBeVisible();
    return tooltip;
  }

  get workspaceCounts(): Locator {
    return this.page.getByTestId('workspace-counts');
  }

  /** Full-page message shown in browser mode when the page was opened without the run's secret. */
  get noSecretMessage(): Locator {
    return this.page.getByTestId('no-secret');
  }
}
