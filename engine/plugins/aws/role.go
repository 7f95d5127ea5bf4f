package main

import (
	"context"
	"errors"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

var roleKind = &kind{
	inputs:    []string{"name", "namePrefix", "description", "path", "maxSessionDuration", "permissionsBoundary", "assumeRolePolicy", "tags"},
	computed:  []string{"arn", "name", "uniqueId", "createDate", "tagsAll"},
	replaceOn: []string{"name", "namePrefix", "path"},
	create:    createRole,
	read:      readRole,
	update:    updateRole,
	delete: func(ctx context.Context, c *clients, id string, _ props) error {
		_, err := c.iam.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(id)})
		return err
	},
}

func createRole(ctx context.Context, c *clients, in props, urnName string) (string, props, error) {
	name := physicalName(in, urnName)
	input := &iam.CreateRoleInput{
		RoleName:                 aws.String(name),
		AssumeRolePolicyDocument: aws.String(in.str("assumeRolePolicy")),
		MaxSessionDuration:       in.int32("maxSessionDuration"),
		Tags:                     iamTags(in.tags("tags")),
	}
	if in.has("path") {
		input.Path = aws.String(in.str("path"))
	}
	if in.has("description") {
		input.Description = aws.String(in.str("description"))
	}
	if in.has("permissionsBoundary") {
		input.PermissionsBoundary = aws.String(in.str("permissionsBoundary"))
	}
	out, err := c.iam.CreateRole(ctx, input)
	if err != nil {
		return "", nil, err
	}
	r := out.Role
	return name, copyProps(in, props{
		"name": name, "arn": aws.ToString(r.Arn), "uniqueId": aws.ToString(r.RoleId),
		"createDate": r.CreateDate.UTC().Format("2006-01-02T15:04:05Z"), "tagsAll": tagsAll(in),
	}), nil
}

func readRole(ctx context.Context, c *clients, id string, _ props) (props, bool, error) {
	out, err := c.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(id)})
	var missing *types.NoSuchEntityException
	if errors.As(err, &missing) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	r := out.Role
	doc, _ := url.QueryUnescape(aws.ToString(r.AssumeRolePolicyDocument))
	tags := map[string]any{}
	for _, t := range r.Tags {
		tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	p := props{
		"name": id, "arn": aws.ToString(r.Arn), "uniqueId": aws.ToString(r.RoleId), "path": aws.ToString(r.Path),
		"assumeRolePolicy": doc, "maxSessionDuration": float64(aws.ToInt32(r.MaxSessionDuration)),
		"tags": tags, "tagsAll": tags, "createDate": r.CreateDate.UTC().Format("2006-01-02T15:04:05Z"),
	}
	if r.Description != nil {
		p["description"] = aws.ToString(r.Description)
	}
	if r.PermissionsBoundary != nil {
		p["permissionsBoundary"] = aws.ToString(r.PermissionsBoundary.PermissionsBoundaryArn)
	}
	return p, true, nil
}

// updateRole changes in place what IAM lets change in place: the trust policy, description, session
// length, permissions boundary and tags.
func updateRole(ctx context.Context, c *clients, id string, olds, news props) error {
	name := aws.String(id)
	if !sameValue(olds["assumeRolePolicy"], news["assumeRolePolicy"]) {
		if _, err := c.iam.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: name, PolicyDocument: aws.String(news.str("assumeRolePolicy"))}); err != nil {
			return err
		}
	}
	if !sameValue(olds["description"], news["description"]) || !sameValue(olds["maxSessionDuration"], news["maxSessionDuration"]) {
		input := &iam.UpdateRoleInput{RoleName: name, Description: aws.String(news.str("description")), MaxSessionDuration: news.int32("maxSessionDuration")}
		if _, err := c.iam.UpdateRole(ctx, input); err != nil {
			return err
		}
	}
	if err := updateBoundary(ctx, c, name, olds, news); err != nil {
		return err
	}
	set, removed := tagChanges(olds, news)
	if len(set) > 0 {
		if _, err := c.iam.TagRole(ctx, &iam.TagRoleInput{RoleName: name, Tags: iamTags(set)}); err != nil {
			return err
		}
	}
	if len(removed) > 0 {
		_, err := c.iam.UntagRole(ctx, &iam.UntagRoleInput{RoleName: name, TagKeys: removed})
		return err
	}
	return nil
}

func updateBoundary(ctx context.Context, c *clients, name *string, olds, news props) error {
	if sameValue(olds["permissionsBoundary"], news["permissionsBoundary"]) {
		return nil
	}
	if news.has("permissionsBoundary") {
		_, err := c.iam.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: name, PermissionsBoundary: aws.String(news.str("permissionsBoundary"))})
		return err
	}
	_, err := c.iam.DeleteRolePermissionsBoundary(ctx, &iam.DeleteRolePermissionsBoundaryInput{RoleName: name})
	return err
}

func iamTags(m map[string]string) []types.Tag {
	out := make([]types.Tag, 0, len(m))
	for k, v := range m {
		out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}
