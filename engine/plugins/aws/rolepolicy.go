package main

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// An inline role policy; its ID is role:name, as pulumi-aws's.
var rolePolicyKind = &kind{
	inputs:    []string{"role", "name", "namePrefix", "policy"},
	computed:  []string{"name"},
	replaceOn: []string{"role", "name", "namePrefix"},
	create: func(ctx context.Context, c *clients, in props, urnName string) (string, props, error) {
		name := physicalName(in, urnName)
		if err := putRolePolicy(ctx, c, in.str("role"), name, in.str("policy")); err != nil {
			return "", nil, err
		}
		return in.str("role") + ":" + name, copyProps(in, props{"name": name}), nil
	},
	read: readRolePolicy,
	update: func(ctx context.Context, c *clients, id string, _, news props) error {
		role, name := splitRolePolicyID(id)
		return putRolePolicy(ctx, c, role, name, news.str("policy"))
	},
	delete: func(ctx context.Context, c *clients, id string, _ props) error {
		role, name := splitRolePolicyID(id)
		_, err := c.iam.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(name)})
		return err
	},
}

func putRolePolicy(ctx context.Context, c *clients, role, name, doc string) error {
	_, err := c.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(name), PolicyDocument: aws.String(doc)})
	return err
}

func splitRolePolicyID(id string) (string, string) {
	role, name, _ := strings.Cut(id, ":")
	return role, name
}

func readRolePolicy(ctx context.Context, c *clients, id string, _ props) (props, bool, error) {
	role, name := splitRolePolicyID(id)
	out, err := c.iam.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(name)})
	var missing *types.NoSuchEntityException
	if errors.As(err, &missing) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	doc, _ := url.QueryUnescape(aws.ToString(out.PolicyDocument))
	return props{"role": role, "name": name, "policy": doc}, true, nil
}
