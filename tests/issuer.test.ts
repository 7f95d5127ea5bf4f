import * as assert from "assert";
import { ValidationError } from "../rules/errors";
import { normalizeIssuer } from "../rules/issuer";

describe("issuer normalisation", () => {
    const accepted: Array<[unknown, string, string | undefined]> = [
        [undefined, "app.warp.dev", "prod"],
        ["", "app.warp.dev", "prod"],
        ["app.warp.dev", "app.warp.dev", "prod"],
        ["APP.WARP.DEV", "app.warp.dev", "prod"],
        ["app.warp.dev/", "app.warp.dev", "prod"],
        ["https://app.warp.dev", "app.warp.dev", "prod"],
        ["https://app.warp.dev/", "app.warp.dev", "prod"],
        ["HTTPS://App.Warp.Dev//", "app.warp.dev", "prod"],
        ["staging.warp.dev", "staging.warp.dev", "staging"],
        ["https://staging.warp.dev/", "staging.warp.dev", "staging"],
        ["https://oidc.example.com", "oidc.example.com", undefined],
        ["https://oidc.example.com/tenant/abc/", "oidc.example.com/tenant/abc", undefined],
    ];
    for (const [input, id, environment] of accepted) {
        it(`normalises ${JSON.stringify(input)} to ${id}`, () => {
            const issuer = normalizeIssuer(input);
            assert.strictEqual(issuer.id, id);
            assert.strictEqual(issuer.url, `https://${id}`);
            assert.strictEqual(issuer.environment, environment);
        });
    }
    const refused: Array<[unknown, RegExp]> = [
        ["http://app.warp.dev", /uses http:\/\//],
        ["ftp://app.warp.dev", /uses ftp:\/\//],
        ["https://app.warp.dev?x=1", /query string or fragment/],
        ["https://app.warp.dev/#frag", /query string or fragment/],
        ["https://user@app.warp.dev", /user information/],
        ["https://app.warp.dev:8443", /port/],
        ["warp.dev", /not a known Warp issuer/],
        ["app.warp.dev.evil.com", /not a known Warp issuer/],
        ["prod", /not a known Warp issuer/],
        [" app.warp.dev", /whitespace/],
        ["https://", /valid DNS host/],
        ["https://bad_host.example.com", /valid DNS host/],
        ["https://*.warp.dev", /valid DNS host/],
        [`https://a.com/${"p".repeat(260)}`, /255-character/],
        [42, /is not a string/],
    ];
    for (const [input, message] of refused) {
        it(`refuses ${JSON.stringify(input).slice(0, 40)}`, () => {
            assert.throws(
                () => normalizeIssuer(input),
                (e: unknown) =>
                    e instanceof ValidationError && e.field === "issuer" && message.test(e.message) && /app\.warp\.dev/.test(e.fix),
            );
        });
    }
});
