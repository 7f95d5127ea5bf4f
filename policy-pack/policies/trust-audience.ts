import { trustRulePolicy } from "./trust-rule-policy";
import { schema } from "./settings";

/** `StringEquals <host>:aud = sts.amazonaws.com` in every statement that admits a Warp issuer's tokens. */
export const trustAudience = trustRulePolicy("warp-trust-audience", schema());
