package main

import (
	"encoding/json"
	"reflect"

	"google.golang.org/protobuf/types/known/structpb"
)

// unknown is the value the engine sends (and accepts) for an output not known during preview.
const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

type props map[string]any

func propsOf(s *structpb.Struct) props {
	if s == nil {
		return props{}
	}
	return props(s.AsMap())
}

func (p props) toStruct() (*structpb.Struct, error) {
	return structpb.NewStruct(map[string]any(p))
}

func (p props) str(key string) string {
	s, _ := p[key].(string)
	return s
}

func (p props) has(key string) bool {
	v, ok := p[key]
	return ok && v != nil && v != ""
}

func (p props) int32(key string) *int32 {
	f, ok := p[key].(float64)
	if !ok {
		return nil
	}
	n := int32(f)
	return &n
}

func (p props) strings(key string) []string {
	list, _ := p[key].([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (p props) tags(key string) map[string]string {
	m, _ := p[key].(map[string]any)
	out := map[string]string{}
	for k, v := range m {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}

// isUnknown says whether v holds an unknown anywhere inside it.
func isUnknown(v any) bool {
	switch t := v.(type) {
	case string:
		return t == unknown
	case []any:
		for _, e := range t {
			if isUnknown(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range t {
			if isUnknown(e) {
				return true
			}
		}
	}
	return false
}

// sameValue compares two property values; JSON strings compare by meaning (IAM rewrites documents).
func sameValue(a, b any) bool {
	if sa, ok := a.(string); ok {
		if sb, ok := b.(string); ok {
			return sa == sb || sameJSON(sa, sb)
		}
	}
	return reflect.DeepEqual(a, b)
}

func sameJSON(a, b string) bool {
	var va, vb any
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// copyProps returns a shallow copy of p with extra keys set.
func copyProps(p props, extra props) props {
	out := props{}
	for k, v := range p {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}
