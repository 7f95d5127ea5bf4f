/** Stolen credentials of a Warp-trusted role should expire soon; Warp refreshes them itself. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { DEFAULT_MAX_SESSION_DURATION, roleMaxSessionDuration as INFO } from "../../rules/resource-rules/max-session-duration";
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS, RESOURCE_TYPES } from "../../rules/constants";
import { report, unknownInPreview } from "./report";
import { NEEDS_COPY, NOT_KNOWN, readKnown, readRaw } from "./resource-values";
import { isWarpTrustedRole, roleLabel, trustConfigFrom } from "./role-trust";
import { positiveIntegerSetting, schema } from "./settings";

const RULE = INFO.name;

export const roleMaxSessionDuration: ResourceValidationPolicy = {
    name: RULE,
    description: INFO.description,
    enforcementLevel: INFO.level,
    remediationSteps: INFO.remediation,
    configSchema: schema({
        maxSessionDurationCeiling: {
            type: "integer",
            minimum: MIN_SESSION_SECONDS,
            maximum: MAX_SESSION_SECONDS,
            default: DEFAULT_MAX_SESSION_DURATION,
            description: "Longest maxSessionDuration, in seconds, a Warp-trusted role may have.",
        },
    }),
    validateResource: (args, reportViolation) => {
        if (args.type !== RESOURCE_TYPES.role) {
            return;
        }
        const raw = args.getConfig<Record<string, unknown>>();
        const config = trustConfigFrom(RULE, raw);
        const ceiling = positiveIntegerSetting(RULE, raw, "maxSessionDurationCeiling") ?? DEFAULT_MAX_SESSION_DURATION;
        if (!isWarpTrustedRole(args.props, config.warpIssuers)) {
            return;
        }
        const value = readRaw(args.props, "maxSessionDuration");
        const duration =
            value === NEEDS_COPY
                ? readKnown(args.props, "maxSessionDuration")
                : value === NOT_KNOWN
                  ? undefined
                  : { known: true as const, value };
        if (duration === undefined || !duration.known) {
            report(
                reportViolation,
                INFO.level,
                unknownInPreview(INFO, "maxSessionDuration", { fix: `Keep maxSessionDuration at most ${ceiling} seconds.` }),
                { subject: roleLabel(args.name, args.props) },
            );
            return;
        }
        const findings = INFO.check(duration.value, ceiling);
        if (findings.length === 0) {
            return;
        }
        const subject = roleLabel(args.name, args.props);
        for (const f of findings) {
            report(reportViolation, INFO.level, f, { subject });
        }
    },
};
