package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// kind is one resource type the stand-in serves: its input keys, the keys it computes, the keys whose
// change replaces the resource, and its calls to AWS.
type kind struct {
	inputs    []string
	computed  []string
	replaceOn []string
	create    func(ctx context.Context, c *clients, in props, urnName string) (string, props, error)
	read      func(ctx context.Context, c *clients, id string, state props) (props, bool, error)
	update    func(ctx context.Context, c *clients, id string, olds, news props) error
	delete    func(ctx context.Context, c *clients, id string, state props) error
}

// kinds lists exactly the types the component and the engine tests' programs use.
var kinds = map[string]*kind{
	"aws:iam/openIdConnectProvider:OpenIdConnectProvider": oidcProviderKind,
	"aws:iam/role:Role":                                 roleKind,
	"aws:iam/rolePolicy:RolePolicy":                     rolePolicyKind,
	"aws:iam/policy:Policy":                             policyKind,
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment": attachmentKind,
}

func kindOf(urn string) (*kind, error) {
	t := typeOf(urn)
	if k, ok := kinds[t]; ok {
		return k, nil
	}
	return nil, fmt.Errorf("stand-in aws plugin: resource type %s is not implemented (test double; see docs/engine.md)", t)
}

// physicalName is the name IAM gets: the program's name, or its prefix plus 26 random characters (as
// pulumi-aws does for namePrefix), or the resource's name plus 7 random characters (Pulumi's auto-naming).
func physicalName(in props, urnName string) string {
	switch {
	case in.has("name"):
		return in.str("name")
	case in.has("namePrefix"):
		return in.str("namePrefix") + randomHex(26)
	default:
		return urnName + "-" + randomHex(7)
	}
}

func randomHex(n int) string {
	b := make([]byte, (n+1)/2)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)[:n]
}

// tagChanges lists the tags to set and the keys to remove when tags go from olds to news.
func tagChanges(olds, news props) (map[string]string, []string) {
	before, after := olds.tags("tags"), news.tags("tags")
	set := map[string]string{}
	for k, v := range after {
		if before[k] != v {
			set[k] = v
		}
	}
	var removed []string
	for k := range before {
		if _, ok := after[k]; !ok {
			removed = append(removed, k)
		}
	}
	return set, removed
}

func tagsAll(in props) map[string]any {
	out := map[string]any{}
	for k, v := range in.tags("tags") {
		out[k] = v
	}
	return out
}
