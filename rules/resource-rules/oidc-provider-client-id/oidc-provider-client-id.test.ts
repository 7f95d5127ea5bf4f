import * as assert from "assert";
import { isWarpProviderUrl, oidcProviderClientId as rule } from "./index";
import { examples } from "./examples";

const ids = (ex: (typeof examples.bad)[number]) => ex.resources[0].props.clientIdLists;

describe("warp-oidc-provider-client-id", () => {
    it("passes a provider whose only client ID is sts.amazonaws.com", () => {
        for (const ex of examples.good) {
            assert.deepStrictEqual(rule.check("https://app.warp.dev", ids(ex)), [], ex.change);
        }
    });

    it("reports another client ID, beside or instead of the STS one, none, a repeat or no list", () => {
        for (const ex of examples.bad) {
            const [f] = rule.check("https://app.warp.dev", ids(ex));
            assert.strictEqual(f?.rule, "warp-oidc-provider-client-id", ex.change);
            assert.strictEqual(f.level, "mandatory");
        }
        assert.match(
            rule.check("app.warp.dev", ["sts.amazonaws.com", "my-app"])[0].message,
            /lists "my-app" as client ID besides sts.amazonaws.com/,
        );
        assert.match(rule.check("app.warp.dev", ["my-app"])[0].message, /instead of sts.amazonaws.com/);
        assert.match(rule.check("app.warp.dev", ["sts.amazonaws.com", "sts.amazonaws.com"])[0].message, /lists sts.amazonaws.com 2 times/);
        assert.match(rule.check("app.warp.dev", undefined)[0].message, /has no client ID list/);
    });

    it("concerns the Warp issuers' providers only, by host", () => {
        assert.ok(isWarpProviderUrl("https://app.warp.dev", ["app.warp.dev"]));
        assert.ok(isWarpProviderUrl("app.warp.dev/", ["https://app.warp.dev"]));
        assert.ok(!isWarpProviderUrl("https://token.actions.githubusercontent.com", ["app.warp.dev"]));
        assert.ok(!isWarpProviderUrl(undefined, ["app.warp.dev"]));
    });
});
