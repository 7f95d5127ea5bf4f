package main

import (
	"reflect"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const trustA = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity"}]}`

func TestRoleDiff(t *testing.T) {
	state := props{"name": "warp-abc", "namePrefix": "warp-", "assumeRolePolicy": trustA, "arn": "arn:aws:iam::1:role/warp-abc"}
	cases := []struct {
		name     string
		news     props
		changes  pulumirpc.DiffResponse_DiffChanges
		diffs    []string
		replaces []string
	}{
		{"same inputs; the generated name is not an input", props{"namePrefix": "warp-", "assumeRolePolicy": trustA}, pulumirpc.DiffResponse_DIFF_NONE, nil, nil},
		{"the same document reformatted", props{"namePrefix": "warp-", "assumeRolePolicy": "{ \"Statement\": [{\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Effect\": \"Allow\"}], \"Version\": \"2012-10-17\" }"}, pulumirpc.DiffResponse_DIFF_NONE, nil, nil},
		{"a new trust policy updates in place", props{"namePrefix": "warp-", "assumeRolePolicy": `{"Statement":[]}`}, pulumirpc.DiffResponse_DIFF_SOME, []string{"assumeRolePolicy"}, nil},
		{"an unknown trust policy is a change", props{"namePrefix": "warp-", "assumeRolePolicy": unknown}, pulumirpc.DiffResponse_DIFF_SOME, []string{"assumeRolePolicy"}, nil},
		{"a new prefix replaces", props{"namePrefix": "other-", "assumeRolePolicy": trustA}, pulumirpc.DiffResponse_DIFF_SOME, []string{"namePrefix"}, []string{"namePrefix"}},
		{"a description dropped is a change", props{"namePrefix": "warp-", "assumeRolePolicy": trustA}, pulumirpc.DiffResponse_DIFF_SOME, []string{"description"}, nil},
	}
	for _, c := range cases {
		olds := state
		if c.name == "a description dropped is a change" {
			olds = copyProps(state, props{"description": "old"})
		}
		got := diff(roleKind, olds, c.news, nil)
		if got.Changes != c.changes || !reflect.DeepEqual(got.Diffs, c.diffs) || !reflect.DeepEqual(got.Replaces, c.replaces) {
			t.Errorf("%s: got changes %v diffs %v replaces %v", c.name, got.Changes, got.Diffs, got.Replaces)
		}
	}
}

func TestIgnoreChanges(t *testing.T) {
	got := diff(roleKind, props{"assumeRolePolicy": trustA}, props{"assumeRolePolicy": "{}"}, []string{"assumeRolePolicy"})
	if got.Changes != pulumirpc.DiffResponse_DIFF_NONE {
		t.Errorf("ignoreChanges: got %v", got.Changes)
	}
}

func TestKindOf(t *testing.T) {
	if _, err := kindOf("urn:pulumi:s::p::warp:index:TeamBedrockAccess$aws:iam/role:Role::r"); err != nil {
		t.Errorf("a parented role: %v", err)
	}
	if _, err := kindOf("urn:pulumi:s::p::aws:s3/bucket:Bucket::b"); err == nil {
		t.Error("an unserved type must be an error")
	}
}

func TestPhysicalName(t *testing.T) {
	if got := physicalName(props{"name": "exact"}, "r"); got != "exact" {
		t.Errorf("name: %s", got)
	}
	if got := physicalName(props{"namePrefix": "warp-agent-x-"}, "r"); len(got) != len("warp-agent-x-")+26 {
		t.Errorf("prefix: %s", got)
	}
	if got := physicalName(props{}, "r"); len(got) != len("r-")+7 {
		t.Errorf("auto-name: %s", got)
	}
}
