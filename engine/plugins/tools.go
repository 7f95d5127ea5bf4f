//go:build tools

// Package plugins pins the Node.js and Python language hosts (the last github.com/pulumi/pulumi/sdk/v3
// that holds them)
// beside the test-only stand-in aws plugin in ./aws.
package plugins

import (
	_ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
	_ "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"
)
