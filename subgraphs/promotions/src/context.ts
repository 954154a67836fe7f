import type { RequestContext } from '../../../common/subgraph.ts';
import type { AuditService } from './services/audit.ts';
import type { CampaignService } from './services/campaignService.ts';
import type { ChargeTablesService } from './services/charges/edits.ts';
import type { TaxExemptionService } from './services/charges/exemptions.ts';
import type { ComplianceService } from './services/compliance.ts';
import type { CouponService } from './services/couponService.ts';
import type { EvaluationService } from './services/evaluationService.ts';
import type { PreviewDiffService } from './services/previewDiff.ts';
import type { RemoteCodeChecks } from './services/providers/remote/codeChecks.ts';
import type { RoutingService } from './services/routing.ts';

export interface PromotionsContext extends RequestContext {
  /** the one evaluation API: Cart.promotion, Cart.totals, redemptions */
  evaluation: EvaluationService;
  campaigns: CampaignService;
  compliance: ComplianceService;
  coupons: CouponService;
  routing: RoutingService;
  previews: PreviewDiffService;
  /** codes only a remote engine (Talon.One, commercetools) knows */
  remoteCodes: RemoteCodeChecks;
  taxExemptions: TaxExemptionService;
  /** the native tax and shipping provider's tables: reads and single edits */
  chargeTables: ChargeTablesService;
  /** reading the audit trail (changes are recorded by the services that make them) */
  audit: AuditService;
}
