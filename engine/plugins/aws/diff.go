package main

import (
	"sort"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// diff compares the new inputs with the old state key by key. An input key the program no longer sets
// is a change when the state holds it, except for keys the type computes when absent (a generated name).
// A change to a key IAM cannot update in place replaces the resource.
func diff(k *kind, olds, news props, ignore []string) *pulumirpc.DiffResponse {
	ignored := map[string]bool{}
	for _, key := range ignore {
		ignored[key] = true
	}
	var diffs, replaces []string
	for _, key := range k.inputs {
		if ignored[key] || !changed(k, key, olds, news) {
			continue
		}
		diffs = append(diffs, key)
		if contains(k.replaceOn, key) {
			replaces = append(replaces, key)
		}
	}
	sort.Strings(diffs)
	changes := pulumirpc.DiffResponse_DIFF_NONE
	if len(diffs) > 0 {
		changes = pulumirpc.DiffResponse_DIFF_SOME
	}
	return &pulumirpc.DiffResponse{Changes: changes, Diffs: diffs, Replaces: replaces}
}

func changed(k *kind, key string, olds, news props) bool {
	nv, inNew := news[key]
	ov, inOld := olds[key]
	switch {
	case !inNew || nv == nil:
		return inOld && ov != nil && !contains(k.computed, key)
	case isUnknown(nv):
		return true
	case !inOld:
		return true
	default:
		return !sameValue(ov, nv)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
