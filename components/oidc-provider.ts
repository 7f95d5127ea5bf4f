import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { COMPONENT_TYPES } from "../rules/constants";
import { normalizeIssuer, STS_AUDIENCE } from "../rules/issuer";
import { assertTags } from "../rules/aws-names";
import { accountContext } from "./account";
import { validated } from "./inputs";
import { oidcProviderArnFor } from "./trust-policy";

export interface WarpOidcProviderArgs {
    /** Warp issuer: `app.warp.dev` (default, production), `staging.warp.dev`, or a full `https://` issuer URL. */
    issuer?: pulumi.Input<string>;
    /**
     * Keep the provider in AWS when this stack deletes or replaces it (default true). Other stacks in the
     * account trust the same provider; docs/configuration.md says how to really remove it.
     */
    retainOnDelete?: boolean;
    /** Tags for the provider. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** ARN of an existing provider to adopt (the `import` resource option) instead of creating one. */
    importId?: string;
}

/**
 * The account's one IAM OIDC provider for a Warp issuer. IAM allows one provider per URL, so exactly one
 * stack per account should own it; every team stack reuses it by ARN.
 */
export class WarpOidcProvider extends pulumi.ComponentResource {
    /** ARN of the provider, built from the partition and account so it is known during preview. */
    public readonly oidcProviderArn: pulumi.Output<string>;
    /** The provider URL, `https://<issuer>`. */
    public readonly url: pulumi.Output<string>;

    constructor(name: string, args: WarpOidcProviderArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const settings = validated(args, (raw) => {
            const r = raw as Record<string, unknown>;
            return { issuer: normalizeIssuer(r.issuer, "issuer"), tags: assertTags(r.tags, "tags") };
        });
        super(COMPONENT_TYPES.warpOidcProvider, name, {}, opts);
        const provider = new aws.iam.OpenIdConnectProvider(
            `${name}-oidc`,
            {
                url: settings.issuer.url,
                clientIdLists: [STS_AUDIENCE],
                tags: settings.tags,
            },
            { parent: this, retainOnDelete: args.retainOnDelete ?? true, ...(args.importId ? { import: args.importId } : {}) },
        );
        // Derived rather than read from the resource, so trust policies that name it are known at preview.
        this.oidcProviderArn = pulumi
            .all([accountContext({ parent: this }), settings, provider.urn])
            .apply(([account, s]) => oidcProviderArnFor(account.partition, account.accountId, s.issuer));
        this.url = settings.issuer.url;
        this.registerOutputs({ oidcProviderArn: this.oidcProviderArn, url: this.url });
    }
}
