/** A Warp-trusted role's maxSessionDuration against a ceiling. */
import { DEFAULT_SESSION_SECONDS } from "../constants";
import { quoteValue } from "../errors";
import { Finding, finding } from "../findings";
import { roleMaxSessionDuration } from "./index";

/** IAM's default, and what the component sets unless told otherwise. */
export const DEFAULT_MAX_SESSION_DURATION = DEFAULT_SESSION_SECONDS;

export function checkMaxSessionDuration(value: unknown, ceiling: number = DEFAULT_MAX_SESSION_DURATION): Finding[] {
    const rule = roleMaxSessionDuration;
    const seconds = value === undefined || value === null ? DEFAULT_MAX_SESSION_DURATION : value;
    if (typeof seconds !== "number" || !Number.isFinite(seconds)) {
        return [
            finding(
                rule,
                `maxSessionDuration ${quoteValue(value)} is not a number of seconds`,
                `Set maxSessionDuration to a whole number of seconds, at most ${ceiling}.`,
            ),
        ];
    }
    if (seconds > ceiling) {
        return [
            finding(
                rule,
                `maxSessionDuration is ${seconds} seconds (${(seconds / 3600).toFixed(seconds % 3600 === 0 ? 0 : 1)} h), above the ceiling of ${ceiling} seconds`,
                `Set maxSessionDuration to at most ${ceiling}; Warp requests fresh credentials itself, so shorter sessions cost nothing.`,
            ),
        ];
    }
    return [];
}
