// Administration in a real browser: only an admin sees it; operators and TPP clients are listed and
// managed; a new client's secret is shown once. Also: the main screens at tablet width. Every screen
// passes axe and is saved to test-output/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, seriousViolations, type Browser } from './browser.js';
import { tableRows, waitForUrl } from './page-helpers.js';
import { startPortalServer, type PortalServer } from './portal-server.js';

let server: PortalServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startPortalServer();
  browser = await launchBrowser();
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function accessible(name: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  await screenshot(page, name);
}

async function signIn(username: string, password: string): Promise<void> {
  await page.goto(`${server.url}/portal/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForUrl(page, (u) => u.pathname === '/portal/consents');
}

describe('administration in a browser', () => {
  it('lists operators and TPP clients for an admin, registers a client and shows its secret once', async () => {
    await signIn('admin', 'demo-admin-password');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Administration' })
      .click();
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    const operators = await tableRows(page, 'Operators');
    expect(operators.map((r) => r[0])).toEqual(expect.arrayContaining(['admin', 'ann@gold.com', 'gateway']));
    await accessible('12-admin-operators');

    await page.getByRole('tab', { name: 'TPP clients' }).click();
    const clients = await tableRows(page, 'TPP clients');
    expect(clients.map((r) => r[1])).toEqual(expect.arrayContaining(['demo-aisp', 'demo-pisp']));
    await page.getByRole('button', { name: 'Register client' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register a TPP client' });
    await dialog.getByLabel('Name', { exact: true }).fill('Budget Buddy');
    await dialog.getByLabel('Client ID').fill('budget-buddy');
    await dialog.getByRole('button', { name: 'Register client' }).click();
    const secretDialog = page.getByRole('dialog', { name: 'Secret of Budget Buddy' });
    await secretDialog.waitFor();
    const secret = ((await secretDialog.getByLabel('Client secret').textContent()) ?? '').trim();
    expect(secret.length).toBeGreaterThanOrEqual(20);
    await accessible('13-admin-client-secret');
    await secretDialog.getByRole('button', { name: 'Done' }).click();
    await secretDialog.waitFor({ state: 'detached' });
    expect(await page.getByText(secret).count()).toBe(0); // shown once, then gone
    const stored = await server.ctx.storage.repos.clients.findById('budget-buddy');
    expect(stored).toMatchObject({ name: 'Budget Buddy', roles: ['AISP'], active: true });
    await tableRows(page, 'TPP clients').then((rows) =>
      expect(rows.map((r) => r[1])).toContain('budget-buddy'),
    );
    await accessible('14-admin-clients');
  });

  it('reads well at tablet width', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${server.url}/portal/consents`);
    await page.getByRole('grid', { name: 'Consents found' }).waitFor();
    await accessible('15-tablet-consent-search');
    await page.goto(`${server.url}/portal/customers/vmiTxZcaSEym`);
    await page.getByRole('heading', { name: 'Paul Casey', level: 1 }).waitFor();
    await accessible('16-tablet-customer');
    // Nothing wider than the screen but the tables, which scroll inside their own frame.
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('keeps an officer out of Administration', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForUrl(page, (u) => u.pathname === '/portal/sign-in');
    await signIn('ann@gold.com', 'demo-officer-password');
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await page.goto(`${server.url}/portal/admin`);
    await page.getByRole('alert').filter({ hasText: 'Administration needs the admin role.' }).waitFor();
    const res = await page.evaluate(() => fetch('/portal/api/admin/operators').then((r) => r.status));
    expect(res).toBe(403);
  });
});
