import { trustRulePolicy } from "./trust-rule-policy";
import { schema } from "./settings";

/** Allow statements with a Federated Warp principal and sts:AssumeRoleWithWebIdentity only. */
export const trustStatementShape = trustRulePolicy("warp-trust-statement-shape", schema());
