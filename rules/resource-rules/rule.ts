/**
 * A rule about a Warp-trusted role's other settings or its OIDC provider: its metadata and a pure check
 * over the values the pack, `lint` and `audit` read from a resource (each rule's check takes its own).
 */
import type { Finding, RuleInfo } from "../findings";

export interface ResourceRule<A extends readonly unknown[] = never[]> extends RuleInfo {
    readonly tier: "resource";
    check(...args: A): Finding[];
}
