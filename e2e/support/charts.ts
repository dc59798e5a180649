import type { Page } from "@playwright/test";

/** The sum of one column of a chart's table of points (the figures the chart plots: each chart card keeps them in an sr-only table). */
export async function columnTotal(page: Page, chart: string, column: string): Promise<number> {
  const table = page.locator(`table[data-chart="${chart}"]`);
  const headers = await table.locator("thead th").allTextContents();
  const index = headers.indexOf(column);
  if (index < 1) return 0;
  const cells = await table.locator(`tbody tr td:nth-child(${index + 1})`).allTextContents();
  return cells.reduce((sum, text) => sum + (Number.parseFloat(text) || 0), 0);
}
