package main

import (
	"context"
	"errors"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// A customer managed policy; its ID is its ARN, as pulumi-aws's.
var policyKind = &kind{
	inputs:    []string{"name", "namePrefix", "path", "description", "policy", "tags"},
	computed:  []string{"arn", "name", "policyId", "tagsAll"},
	replaceOn: []string{"name", "namePrefix", "path", "description"},
	create:    createPolicy,
	read:      readPolicy,
	update:    updatePolicy,
	delete:    deletePolicy,
}

func createPolicy(ctx context.Context, c *clients, in props, urnName string) (string, props, error) {
	name := physicalName(in, urnName)
	input := &iam.CreatePolicyInput{PolicyName: aws.String(name), PolicyDocument: aws.String(in.str("policy")), Tags: iamTags(in.tags("tags"))}
	if in.has("path") {
		input.Path = aws.String(in.str("path"))
	}
	if in.has("description") {
		input.Description = aws.String(in.str("description"))
	}
	out, err := c.iam.CreatePolicy(ctx, input)
	if err != nil {
		return "", nil, err
	}
	arn := aws.ToString(out.Policy.Arn)
	return arn, copyProps(in, props{"name": name, "arn": arn, "policyId": aws.ToString(out.Policy.PolicyId), "tagsAll": tagsAll(in)}), nil
}

func readPolicy(ctx context.Context, c *clients, id string, state props) (props, bool, error) {
	out, err := c.iam.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(id)})
	var missing *types.NoSuchEntityException
	if errors.As(err, &missing) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	p := out.Policy
	version, err := c.iam.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(id), VersionId: p.DefaultVersionId})
	if err != nil {
		return nil, false, err
	}
	doc, _ := url.QueryUnescape(aws.ToString(version.PolicyVersion.Document))
	return copyProps(state, props{
		"arn": id, "name": aws.ToString(p.PolicyName), "path": aws.ToString(p.Path), "policyId": aws.ToString(p.PolicyId), "policy": doc,
	}), true, nil
}

// updatePolicy makes the new document the default version, deleting the oldest when IAM's five are used.
func updatePolicy(ctx context.Context, c *clients, id string, olds, news props) error {
	if !sameValue(olds["policy"], news["policy"]) {
		if err := dropOldestVersion(ctx, c, id); err != nil {
			return err
		}
		input := &iam.CreatePolicyVersionInput{PolicyArn: aws.String(id), PolicyDocument: aws.String(news.str("policy")), SetAsDefault: true}
		if _, err := c.iam.CreatePolicyVersion(ctx, input); err != nil {
			return err
		}
	}
	set, removed := tagChanges(olds, news)
	if len(set) > 0 {
		if _, err := c.iam.TagPolicy(ctx, &iam.TagPolicyInput{PolicyArn: aws.String(id), Tags: iamTags(set)}); err != nil {
			return err
		}
	}
	if len(removed) > 0 {
		_, err := c.iam.UntagPolicy(ctx, &iam.UntagPolicyInput{PolicyArn: aws.String(id), TagKeys: removed})
		return err
	}
	return nil
}

func nonDefaultVersions(ctx context.Context, c *clients, arn string) ([]string, int, error) {
	out, err := c.iam.ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: aws.String(arn)})
	if err != nil {
		return nil, 0, err
	}
	var ids []string
	for _, v := range out.Versions {
		if !v.IsDefaultVersion {
			ids = append(ids, aws.ToString(v.VersionId))
		}
	}
	return ids, len(out.Versions), nil
}

func dropOldestVersion(ctx context.Context, c *clients, arn string) error {
	ids, total, err := nonDefaultVersions(ctx, c, arn)
	if err != nil || total < 5 || len(ids) == 0 {
		return err
	}
	// IAM lists versions newest first.
	_, err = c.iam.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: aws.String(arn), VersionId: aws.String(ids[len(ids)-1])})
	return err
}

func deletePolicy(ctx context.Context, c *clients, id string, _ props) error {
	ids, _, err := nonDefaultVersions(ctx, c, id)
	if err != nil {
		return err
	}
	for _, v := range ids {
		if _, err := c.iam.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: aws.String(id), VersionId: aws.String(v)}); err != nil {
			return err
		}
	}
	_, err = c.iam.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: aws.String(id)})
	return err
}
