/** broken-role: its good examples pass, each bad example gets a finding of the rule with its level and tier. */
import { checkRuleExamples } from "../../../tests/support/permissions-rule-examples";
import { examples } from "./examples";
import { rule } from ".";

checkRuleExamples(rule, examples);
