// Small waits and reads over playwright-core (which has no expect of its own): the test fails with what
// it waited for when the page never shows it.
import type { Page } from 'playwright-core';

/** Picks an option of a React Aria Select by its visible label (its trigger's name ends with the label). */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`${label}$`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

export async function waitForUrl(page: Page, test: (url: URL) => boolean): Promise<URL> {
  await page.waitForURL((url) => test(url));
  return new URL(page.url());
}

/** The cells' text of every body row of the table with this accessible name. */
export async function tableRows(page: Page, name: string): Promise<string[][]> {
  const table = page.getByRole('grid', { name }).or(page.getByRole('table', { name }));
  await table.waitFor();
  const rows = await table.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => (await row.locator('td, th').allTextContents()).map((t) => t.trim())),
  );
}

function factValue(page: Page, term: string) {
  return page
    .locator('.fact')
    .filter({ has: page.locator('dt').getByText(term, { exact: true }) })
    .locator('dd');
}

/** The fact (definition list entry) with this term, e.g. "Locked" -> "No". */
export async function fact(page: Page, term: string): Promise<string> {
  return ((await factValue(page, term).first().textContent()) ?? '').trim();
}

export async function waitForFact(page: Page, term: string, value: string): Promise<void> {
  await factValue(page, term).getByText(value, { exact: true }).waitFor();
}

/** The officer's local calendar day, as the browser sees it, shifted by some days. */
export async function localDay(page: Page, shiftDays = 0): Promise<string> {
  return page.evaluate((shift) => {
    const d = new Date();
    d.setDate(d.getDate() + shift);
    return d.toLocaleDateString('en-CA');
  }, shiftDays);
}
