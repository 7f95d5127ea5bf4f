//go:build tools

// Package clischema pins the newer Pulumi CLI the engine tests use only to infer the component's schema
// and generate the Python SDK (CLI v3.106 cannot infer a schema from a TypeScript package).
package clischema

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
