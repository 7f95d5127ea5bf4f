package main

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// A managed policy attached to a role; its ID is role/policyArn.
var attachmentKind = &kind{
	inputs:    []string{"role", "policyArn"},
	replaceOn: []string{"role", "policyArn"},
	create: func(ctx context.Context, c *clients, in props, _ string) (string, props, error) {
		role, arn := in.str("role"), in.str("policyArn")
		if _, err := c.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(role), PolicyArn: aws.String(arn)}); err != nil {
			return "", nil, err
		}
		return role + "/" + arn, in, nil
	},
	read: func(ctx context.Context, c *clients, id string, _ props) (props, bool, error) {
		role, arn, _ := strings.Cut(id, "/")
		out, err := c.iam.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(role)})
		if err != nil {
			return nil, false, err
		}
		for _, p := range out.AttachedPolicies {
			if aws.ToString(p.PolicyArn) == arn {
				return props{"role": role, "policyArn": arn}, true, nil
			}
		}
		return nil, false, nil
	},
	update: func(context.Context, *clients, string, props, props) error { return nil },
	delete: func(ctx context.Context, c *clients, id string, _ props) error {
		role, arn, _ := strings.Cut(id, "/")
		_, err := c.iam.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String(role), PolicyArn: aws.String(arn)})
		return err
	},
}
