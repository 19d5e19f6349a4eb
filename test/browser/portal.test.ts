// The officer's day in a real browser (Debian's Chromium) against a real server on a fresh database with
// the demo data (issue 11 §4): sign in (a wrong password first), search consents by every filter, open
// one, revoke it with a reason and see the timeline, find no Revoke on a payment consent, look up the two
// customers sharing a phone, unlock Paul, see it in the audit log, sign out and find the session dead.
// Every main screen passes axe (no serious or critical violations) and is saved to test-output/.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, seriousViolations, type Browser } from './browser.js';
import { choose, fact, localDay, tableRows, waitForFact, waitForUrl } from './page-helpers.js';
import { startPortalServer, type PortalServer } from './portal-server.js';

const OFFICER = { username: 'ann@gold.com', password: 'demo-officer-password' };
const TIME_ZONE = 'Asia/Kolkata'; // +05:30 all year: local and UTC times visibly differ
let server: PortalServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startPortalServer();
  browser = await launchBrowser({ timezoneId: TIME_ZONE });
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
// One scenario in steps: once a step fails, the later ones (which build on it) are skipped, not timed out.
let failed = false;
afterEach((context) => {
  if (context.task.result?.state === 'fail') failed = true;
});
beforeEach((context) => {
  if (failed) context.skip();
});

async function accessible(name: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  await screenshot(page, name);
}

async function search(): Promise<void> {
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

/** A list's rows after `action` (a search, a reload, a sort): waits for the API's answer to be shown. */
async function listRows(api: string, table: string, action?: () => Promise<unknown>): Promise<string[][]> {
  if (action)
    await Promise.all([page.waitForResponse((r) => r.url().includes(`/portal/api/${api}?`)), action()]);
  await page.locator('.results[aria-busy="false"]').waitFor();
  if (await page.locator('.results .empty').isVisible()) return [];
  return tableRows(page, table);
}
const consentRows = (action?: () => Promise<unknown>) => listRows('consents', 'Consents found', action);
const auditRows = (action?: () => Promise<unknown>) => listRows('audit-events', 'Audit events', action);

describe('the Customer Care portal in a browser', () => {
  it('sends / to the sign-in form, refuses a wrong password without saying which half, then signs in', async () => {
    await page.goto(`${server.url}/`);
    await waitForUrl(page, (u) => u.pathname === '/portal/sign-in');
    await page.getByLabel('Username').fill(OFFICER.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const message = (await alert.textContent()) ?? '';
    expect(message).toMatch(/not valid/i);
    expect(message).not.toMatch(/password is wrong|unknown user|no such user/i);
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    const operator = await server.ctx.storage.repos.operators.findByUsername(OFFICER.username);
    expect(operator?.failedLogins).toBe(1);
    await accessible('01-sign-in-failed');

    await page.getByLabel('Password').fill(OFFICER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForUrl(page, (u) => u.pathname === '/portal/consents');
    await page.getByRole('heading', { name: 'Consents', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const link of ['Consents', 'Customers', 'Audit log'])
      expect(await nav.getByRole('link', { name: link }).isVisible()).toBe(true);
    expect(await nav.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    const cookie = (await browser.context.cookies()).find((c) => c.name === 'consenthub_portal');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/portal' });
  });

  it('searches accounts consents by default, newest first, with the portal and the wire status', async () => {
    const rows = await consentRows();
    expect(rows.length).toBe(5);
    const statuses = rows.map((r) => r[1]);
    expect(statuses).toEqual(
      expect.arrayContaining([
        'ReceivedAwaitingAuthorisation',
        'ValidAuthorised',
        'RejectedRejected',
        'Terminated by TPPRevoked',
        'ExpiredExpired',
      ]),
    );
    for (const row of rows) expect(row[2]).toBe('Accounts');
    expect(await page.getByText('1–5 of 5 consents').isVisible()).toBe(true);
    // Times: the officer's zone on screen, UTC on hover.
    const time = page.locator('table time').first();
    expect(await time.getAttribute('title')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    // (ICU may name the zone by its older alias.)
    expect(await page.getByText(/Times are shown in Asia\/(Kolkata|Calcutta)/).isVisible()).toBe(true);
    await accessible('02-consent-search');
  });

  it('filters by status, user, TPP application, consent type and dates, keeping the search in the URL', async () => {
    await choose(page, 'Status', 'Valid');
    let rows = await consentRows(search);
    let url = await waitForUrl(page, (u) => u.searchParams.get('status') === 'Valid');
    expect(rows.map((r) => r[1])).toEqual(['ValidAuthorised']);
    expect(rows[0]?.[4]).toBe('olivia_wallet_user@hotmail.com');

    rows = await consentRows(() => page.reload()); // a shared or reloaded search shows the same
    expect(rows.map((r) => r[1])).toEqual(['ValidAuthorised']);
    expect(await page.getByRole('button', { name: /Status$/ }).textContent()).toContain('Valid');

    await choose(page, 'Status', 'Any status');
    await page.getByLabel('User ID').fill('pauls_wallet@yahoo.com');
    rows = await consentRows(search);
    url = await waitForUrl(page, (u) => u.searchParams.get('userId') === 'pauls_wallet@yahoo.com');
    expect(url.searchParams.has('status')).toBe(false);
    expect(rows.map((r) => r[1])).toEqual(['Terminated by TPPRevoked']);

    await page.getByLabel('User ID').fill('');
    await choose(page, 'TPP application', 'Demo Payments App');
    expect(await consentRows(search)).toEqual([]);
    await waitForUrl(page, (u) => u.searchParams.get('clientId') === 'demo-pisp');
    await page.getByText('No consents match this search').waitFor();
    await screenshot(page, '03-consent-search-empty');

    await choose(page, 'Consent type', 'Payments');
    rows = await consentRows(search);
    await waitForUrl(page, (u) => u.searchParams.get('consentType') === 'payments');
    expect(rows.length).toBe(4);
    for (const row of rows) expect(row[2]).toBe('Payments');

    await choose(page, 'TPP application', 'Demo Account Information App');
    await choose(page, 'Consent type', 'Accounts');
    const today = await localDay(page);
    await page.getByLabel('From').fill(today);
    await page.getByLabel('To').fill(today);
    expect((await consentRows(search)).length).toBe(5);
    url = await waitForUrl(
      page,
      (u) => u.searchParams.get('from') === today && u.searchParams.get('to') === today,
    );
    expect(url.searchParams.get('clientId')).toBe('demo-aisp');

    const tomorrow = await localDay(page, 1);
    await page.getByLabel('From').fill(tomorrow);
    await page.getByLabel('To').fill(tomorrow);
    expect(await consentRows(search)).toEqual([]);
    await waitForUrl(page, (u) => u.searchParams.get('from') === tomorrow);

    // "To" before "From" is caught next to the field, before any search.
    await page.getByLabel('To').fill(today);
    expect(await page.getByText('"To" must not be before "From".').isVisible()).toBe(true);

    expect((await consentRows(() => page.getByRole('button', { name: 'Clear' }).click())).length).toBe(5);
    await waitForUrl(page, (u) => u.search === '');
  });

  it('sorts by creation date both ways', async () => {
    const created = () =>
      page
        .locator('.results tbody tr td:nth-child(6) time')
        .evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
    const newestFirst = (await consentRows()).map((r) => r[0]);
    const descending = await created();
    expect(descending).toEqual([...descending].sort().reverse());
    const sorted = await consentRows(() => page.getByRole('columnheader', { name: /Created/ }).click());
    await waitForUrl(page, (u) => u.searchParams.get('order') === 'asc');
    const ascending = await created();
    expect(ascending).toEqual([...ascending].sort());
    expect(sorted.map((r) => r[0]).sort()).toEqual(newestFirst.sort());
  });

  let consentId = '';
  it('opens a consent with its TPP, customer, permissions, accounts and status timeline', async () => {
    const rows = await consentRows(() => page.goto(`${server.url}/portal/consents?status=Valid`));
    consentId = rows[0]![0]!;
    await page.getByRole('link', { name: consentId }).click();
    await waitForUrl(page, (u) => u.pathname === `/portal/consents/${consentId}`);
    await page.getByRole('heading', { name: /Accounts consent/, level: 1 }).waitFor();
    expect(await fact(page, 'TPP')).toContain('Demo Account Information App');
    expect(await fact(page, 'Customer')).toContain('Olivia Smith');
    expect(await page.getByText('ReadAccountsDetail', { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: '31820' }).isVisible()).toBe(true);
    const timeline = page.getByRole('list', { name: 'Status history' });
    expect(await timeline.getByRole('listitem').count()).toBe(2);
    expect(await timeline.textContent()).toContain('Created as Received');
    await page.getByRole('button', { name: 'Original request' }).click();
    expect(await page.getByLabel('Original request JSON').textContent()).toContain('ReadBalances');
    await accessible('04-consent-detail');
  });

  it('revokes it with a mandatory reason; the timeline, the store and the audit log show the officer', async () => {
    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke consent' });
    await dialog.waitFor();
    await accessible('05-revoke-dialog');
    await dialog.getByLabel('Reason').fill('   ');
    await dialog.getByRole('button', { name: 'Revoke consent' }).click();
    await dialog.getByText('Give the reason for revoking.').waitFor();
    expect((await server.ctx.storage.repos.consents.findById(consentId))?.status).toBe('Authorised');

    await dialog.getByLabel('Reason').fill('Customer called: lost phone');
    await dialog.getByRole('button', { name: 'Revoke consent' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'The consent is revoked' }).waitFor();
    const last = page.getByRole('list', { name: 'Status history' }).getByRole('listitem').last();
    const text = (await last.textContent()) ?? '';
    expect(text).toContain('Valid → Revoked by PSU');
    expect(text).toContain('Officer ann@gold.com');
    expect(text).toContain('“Customer called: lost phone”');
    expect(await page.getByRole('button', { name: 'Revoke', exact: true }).count()).toBe(0);

    expect((await server.ctx.storage.repos.consents.findById(consentId))?.status).toBe('Revoked');
    const history = await server.ctx.storage.repos.consents.history(consentId);
    expect(history.at(-1)).toMatchObject({
      fromStatus: 'Authorised',
      toStatus: 'Revoked',
      reason: 'Customer called: lost phone',
      actor: { type: 'officer', id: 'ann@gold.com' },
    });
    const audit = await server.ctx.storage.repos.audit.listForTarget('consent', consentId);
    expect(audit.map((e) => [e.action, e.actor.id])).toContainEqual(['consent.revoked', 'ann@gold.com']);
    await screenshot(page, '06-consent-revoked');
  });

  it('shows no Revoke on a payment consent', async () => {
    const rows = await consentRows(() => page.goto(`${server.url}/portal/consents?consentType=payments`));
    await page.getByRole('link', { name: rows[0]![0]! }).click();
    await page.getByRole('heading', { name: /Payments consent/, level: 1 }).waitFor();
    expect(await page.getByText('You cannot revoke a payment consent.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Revoke', exact: true }).count()).toBe(0);
    await screenshot(page, '07-payment-consent');
  });

  it('looks up the two customers sharing a phone, picks Paul and unlocks him', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await search(); // nothing filled in: told so, nothing looked up
    await page.getByRole('alert').filter({ hasText: 'Fill in at least one' }).waitFor();
    await page.getByLabel('Phone').fill('999-123-4444');
    await search();
    await waitForUrl(page, (u) => u.searchParams.get('phone') === '999-123-4444');
    const rows = await tableRows(page, 'Customers found');
    expect(rows.length).toBe(2);
    const paul = rows.find((r) => r[0]?.startsWith('Paul Casey'));
    const olivia = rows.find((r) => r[0]?.startsWith('Olivia Smith'));
    expect(paul?.[3]).toBe('445 Graceland Drive, Laguna Beach, CA 92651, USA');
    expect(olivia?.[3]).toBe('2750 Grove St, Apt 2, Newton, MA 02246, USA');
    expect(paul?.[4]).toBe('10 Jul 1969');
    expect(olivia?.[4]).toBe('28 Aug 1970');
    expect(paul?.[6]).toBe('ActiveLocked');
    expect(olivia?.[6]).toBe('ActiveNot locked');
    await accessible('08-customer-lookup');

    await page.getByRole('link', { name: 'Paul Casey' }).click();
    await waitForUrl(page, (u) => u.pathname === '/portal/customers/vmiTxZcaSEym');
    await page.getByRole('heading', { name: 'Paul Casey', level: 1 }).waitFor();
    expect(await fact(page, 'Locked')).toBe('Yes');
    expect(await tableRows(page, 'Devices')).toHaveLength(2);
    await accessible('09-customer-locked');

    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Unlock Paul Casey?' });
    await dialog.getByRole('button', { name: 'Unlock', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForFact(page, 'Locked', 'No');
    expect(await fact(page, 'Active')).toBe('Yes');
    expect(await fact(page, 'Failed sign-ins')).toBe('0');
    expect(await page.getByRole('button', { name: 'Unlock', exact: true }).count()).toBe(0);
    const stored = await server.ctx.storage.repos.customers.findById('vmiTxZcaSEym');
    expect(stored).toMatchObject({ locked: false, active: true, failedLogins: 0 });
    await screenshot(page, '10-customer-unlocked');
  });

  it('shows the unlock in the audit log, filtered by officer, action and target', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByLabel('Officer').fill('ann@gold.com');
    await page.getByLabel('Target ID').fill('vmiTxZcaSEym');
    const rows = await auditRows(search);
    await waitForUrl(page, (u) => u.searchParams.get('targetId') === 'vmiTxZcaSEym');
    const actions = rows.map((r) => r[2]);
    expect(actions).toEqual(expect.arrayContaining(['customer.deactivated', 'customer.activated']));
    for (const row of rows) expect(row[1]).toContain('ann@gold.com');
    await accessible('11-audit-log');

    await page.getByLabel('Action').fill('customer.activated');
    expect((await auditRows(search)).map((r) => r[2])).toEqual(['customer.activated']);
    await waitForUrl(page, (u) => u.searchParams.get('action') === 'customer.activated');
  });

  it('signs out, and the session is dead at once', async () => {
    const cookie = (await browser.context.cookies()).find((c) => c.name === 'consenthub_portal');
    expect(cookie).toBeDefined();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForUrl(page, (u) => u.pathname === '/portal/sign-in');
    const replay = await fetch(`${server.url}/portal/api/session`, {
      headers: { cookie: `consenthub_portal=${cookie!.value}` },
    });
    expect(replay.status).toBe(401);
    await page.goto(`${server.url}/portal/customers/vmiTxZcaSEym`);
    await waitForUrl(page, (u) => u.pathname === '/portal/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/customers/vmiTxZcaSEym');
  });
});
