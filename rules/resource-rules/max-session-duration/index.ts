/** A Warp-trusted role's maxSessionDuration against a ceiling: stolen credentials should expire soon, and Warp refreshes them itself. */
import { DEFAULT_SESSION_SECONDS } from "../../constants";
import { quoteValue } from "../../errors";
import { Finding, finding } from "../../findings";
import type { ResourceRule } from "../rule";

/** IAM's default, and what the component sets unless told otherwise. */
export const DEFAULT_MAX_SESSION_DURATION = DEFAULT_SESSION_SECONDS;

function check(value: unknown, ceiling: number = DEFAULT_MAX_SESSION_DURATION): Finding[] {
    const seconds = value === undefined || value === null ? DEFAULT_MAX_SESSION_DURATION : value;
    if (typeof seconds !== "number" || !Number.isFinite(seconds)) {
        return [
            finding(
                roleMaxSessionDuration,
                `maxSessionDuration ${quoteValue(value)} is not a number of seconds`,
                `Set maxSessionDuration to a whole number of seconds, at most ${ceiling}.`,
            ),
        ];
    }
    if (seconds > ceiling) {
        return [
            finding(
                roleMaxSessionDuration,
                `maxSessionDuration is ${seconds} seconds (${(seconds / 3600).toFixed(seconds % 3600 === 0 ? 0 : 1)} h), above the ceiling of ${ceiling} seconds`,
                `Set maxSessionDuration to at most ${ceiling}; Warp requests fresh credentials itself, so shorter sessions cost nothing.`,
            ),
        ];
    }
    return [];
}

export const roleMaxSessionDuration: ResourceRule<[value: unknown, ceiling?: number]> = {
    name: "warp-role-max-session-duration",
    tier: "resource",
    level: "advisory",
    description: `A Warp-trusted role's maxSessionDuration is at most the configured ceiling (${DEFAULT_SESSION_SECONDS} seconds by default).`,
    remediation:
        "Lower maxSessionDuration to the ceiling (Warp refreshes credentials itself), or raise maxSessionDurationCeiling in this policy's config.",
    check,
};
