import { BudgetExceededError } from '../../../platform/errors.ts';
import type { RouterSettings } from '../entities/router-settings.ts';
import type { ModelCallLog } from './model-call-log.ts';

/**
 * Refuses a model call when one of the tenant's budgets is spent: the recorded cost (USD) of its model calls since
 * the start of the UTC day (`dailyBudgetUsd`) or month (`monthlyBudgetUsd`) is at or over the budget. A null budget is
 * no limit. One statement per budget set.
 * @throws {@link BudgetExceededError} with `details.period` (`day` | `month`), `budgetUsd` and `spentUsd`.
 */
export async function assertWithinBudgets(
  calls: Pick<ModelCallLog, 'spentSinceUsd'>,
  tenantId: string,
  settings: Pick<RouterSettings, 'dailyBudgetUsd' | 'monthlyBudgetUsd'>,
  now: Date = new Date(),
): Promise<void> {
  const periods = [
    { period: 'day', budgetUsd: settings.dailyBudgetUsd, since: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())) },
    { period: 'month', budgetUsd: settings.monthlyBudgetUsd, since: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)) },
  ] as const;
  for (const { period, budgetUsd, since } of periods) {
    if (budgetUsd === null) continue;
    const spentUsd = await calls.spentSinceUsd(tenantId, since);
    if (spentUsd >= budgetUsd) {
      const rounded = Math.round(spentUsd * 1000) / 1000;
      throw new BudgetExceededError(`The tenant's ${period === 'day' ? 'daily' : 'monthly'} budget of ${budgetUsd} USD is spent (${rounded} USD)`, {
        period,
        budgetUsd,
        spentUsd,
      });
    }
  }
}
