import { describe, expect, it } from 'vitest';
import { loadPromotionsSettings } from './config.ts';

describe('promotions settings from the environment', () => {
  it('leaves the time budgets to the service defaults when unset or blank', () => {
    expect(loadPromotionsSettings({})).toEqual({ remoteProviders: {} });
    expect(loadPromotionsSettings({ PROMOTION_EVALUATION_TIMEOUT_MS: ' ', PROMOTION_REDEMPTION_TIMEOUT_MS: '' })).toEqual({ remoteProviders: {} });
  });

  it('reads both time budgets', () => {
    expect(loadPromotionsSettings({ PROMOTION_EVALUATION_TIMEOUT_MS: '400', PROMOTION_REDEMPTION_TIMEOUT_MS: '5000' })).toEqual({
      providerTimeoutMs: 400,
      redemptionTimeoutMs: 5000,
      remoteProviders: {},
    });
  });

  it('refuses a budget that is not a positive whole number of milliseconds, naming the variable', () => {
    for (const bad of ['0', '-5', '1.5', 'fast', '3600000']) {
      expect(() => loadPromotionsSettings({ PROMOTION_EVALUATION_TIMEOUT_MS: bad })).toThrow(/PROMOTION_EVALUATION_TIMEOUT_MS: must be/);
    }
    expect(() => loadPromotionsSettings({ PROMOTION_REDEMPTION_TIMEOUT_MS: 'soon' })).toThrow(/Invalid promotions configuration:\n {2}PROMOTION_REDEMPTION_TIMEOUT_MS/);
  });

  it('reads how long one operation shares an evaluation (0 turns it off), refusing bad values', () => {
    expect(loadPromotionsSettings({ PROMOTION_EVALUATION_SHARE_MS: '0' }).evaluationShareMs).toBe(0);
    expect(loadPromotionsSettings({ PROMOTION_EVALUATION_SHARE_MS: '5000' }).evaluationShareMs).toBe(5000);
    for (const bad of ['-1', '2.5', 'long', '600000']) {
      expect(() => loadPromotionsSettings({ PROMOTION_EVALUATION_SHARE_MS: bad })).toThrow(/PROMOTION_EVALUATION_SHARE_MS: must be/);
    }
  });

  it('reads the audit retention in days, refusing bad values', () => {
    expect(loadPromotionsSettings({ PROMOTION_AUDIT_RETENTION_DAYS: '30' }).auditRetentionDays).toBe(30);
    for (const bad of ['0', '1.5', 'forever', '99999']) {
      expect(() => loadPromotionsSettings({ PROMOTION_AUDIT_RETENTION_DAYS: bad })).toThrow(/PROMOTION_AUDIT_RETENTION_DAYS: must be/);
    }
  });

  it('still reads the remote engines', () => {
    expect(() => loadPromotionsSettings({ PROMOTION_PROVIDERS: '{' })).toThrow(/not valid JSON/);
  });

  it('reads the tax providers, the tax time budget and the tax and shipping tables, refusing bad ones', () => {
    const settings = loadPromotionsSettings({
      TAX_PROVIDERS: JSON.stringify({ remote: { avalara: { url: 'http://127.0.0.1:9/tax' } }, markets: { US: 'avalara' } }),
      TAX_TIMEOUT_MS: '800',
      CHARGES_TABLES_FILE: 'subgraphs/promotions/data/charges.demo.json',
    });
    expect(settings.taxProviders).toEqual({ remote: { avalara: { url: 'http://127.0.0.1:9/tax', timeoutMs: 500 } }, markets: { US: 'avalara' } });
    expect(settings.taxTimeoutMs).toBe(800);
    expect(settings.chargeTables?.markets.DE.pricesIncludeTax).toBe(true);
    expect(() => loadPromotionsSettings({ TAX_PROVIDERS: JSON.stringify({ markets: { US: 'nobody' } }) })).toThrow(/markets\.US: no tax provider named nobody/);
    expect(() => loadPromotionsSettings({ TAX_PROVIDERS: JSON.stringify({ remote: { x: { url: 'ftp://h/x' } } }) })).toThrow(/Invalid tax provider configuration/);
    expect(() => loadPromotionsSettings({ TAX_TIMEOUT_MS: 'never' })).toThrow(/TAX_TIMEOUT_MS/);
    expect(() => loadPromotionsSettings({ CHARGES_TABLES_FILE: 'subgraphs/promotions/schema.graphql' })).toThrow(/CHARGES_TABLES_FILE/);
  });
});
