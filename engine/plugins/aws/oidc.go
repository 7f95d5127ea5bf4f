package main

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// An IAM OIDC identity provider; its ID is its ARN, as pulumi-aws's.
var oidcProviderKind = &kind{
	inputs:    []string{"url", "clientIdLists", "thumbprintLists", "tags"},
	computed:  []string{"arn", "tagsAll"},
	replaceOn: []string{"url"},
	create:    createOidcProvider,
	read:      readOidcProvider,
	update:    updateOidcProvider,
	delete: func(ctx context.Context, c *clients, id string, _ props) error {
		_, err := c.iam.DeleteOpenIDConnectProvider(ctx, &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(id)})
		return err
	},
}

func createOidcProvider(ctx context.Context, c *clients, in props, _ string) (string, props, error) {
	out, err := c.iam.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{
		Url:            aws.String(in.str("url")),
		ClientIDList:   in.strings("clientIdLists"),
		ThumbprintList: in.strings("thumbprintLists"),
		Tags:           iamTags(in.tags("tags")),
	})
	if err != nil {
		return "", nil, err
	}
	arn := aws.ToString(out.OpenIDConnectProviderArn)
	return arn, copyProps(in, props{"arn": arn, "tagsAll": tagsAll(in)}), nil
}

func readOidcProvider(ctx context.Context, c *clients, id string, state props) (props, bool, error) {
	out, err := c.iam.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(id)})
	var missing *types.NoSuchEntityException
	if errors.As(err, &missing) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return copyProps(state, props{"arn": id, "url": "https://" + aws.ToString(out.Url), "clientIdLists": anyList(out.ClientIDList)}), true, nil
}

func anyList(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// updateOidcProvider adds and removes client IDs, sets thumbprints and tags; the URL cannot change in place.
func updateOidcProvider(ctx context.Context, c *clients, id string, olds, news props) error {
	arn := aws.String(id)
	before, after := olds.strings("clientIdLists"), news.strings("clientIdLists")
	for _, cid := range after {
		if !contains(before, cid) {
			if _, err := c.iam.AddClientIDToOpenIDConnectProvider(ctx, &iam.AddClientIDToOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn, ClientID: aws.String(cid)}); err != nil {
				return err
			}
		}
	}
	for _, cid := range before {
		if !contains(after, cid) {
			if _, err := c.iam.RemoveClientIDFromOpenIDConnectProvider(ctx, &iam.RemoveClientIDFromOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn, ClientID: aws.String(cid)}); err != nil {
				return err
			}
		}
	}
	if !sameValue(olds["thumbprintLists"], news["thumbprintLists"]) {
		input := &iam.UpdateOpenIDConnectProviderThumbprintInput{OpenIDConnectProviderArn: arn, ThumbprintList: news.strings("thumbprintLists")}
		if _, err := c.iam.UpdateOpenIDConnectProviderThumbprint(ctx, input); err != nil {
			return err
		}
	}
	set, removed := tagChanges(olds, news)
	if len(set) > 0 {
		if _, err := c.iam.TagOpenIDConnectProvider(ctx, &iam.TagOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn, Tags: iamTags(set)}); err != nil {
			return err
		}
	}
	if len(removed) > 0 {
		_, err := c.iam.UntagOpenIDConnectProvider(ctx, &iam.UntagOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn, TagKeys: removed})
		return err
	}
	return nil
}
