//go:build tools

// Package cli pins the Pulumi CLI this project's engine tests run.
package cli

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
