/// <reference lib="dom" />
/** A link to a rule's section of the docs (docs/policy-pack.md has one per rule, anchored by its name). */
import { html } from "htm/preact";

/** Only a file: or https: base becomes a link; a rule name is kebab-case. */
function docHref(base: string, rule: string): string | undefined {
    return /^(file|https):/.test(base) && /^[a-z0-9-]+$/.test(rule) ? `${base}policy-pack.md#${rule}` : undefined;
}

export function DocLink({ base, rule }: { base: string; rule: string }) {
    const href = docHref(base, rule);
    return href === undefined
        ? null
        : html`<a class="doc" href=${href} target="_blank" rel="noopener noreferrer" title="the rule in the docs">docs</a>`;
}
