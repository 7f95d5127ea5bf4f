// Command pulumi-resource-aws is a TEST-ONLY stand-in for Pulumi's aws resource plugin.
//
// It serves the handful of resource types and functions this project's component and examples use
// (see types.go), and does their work with the AWS SDK for Go against whatever endpoint the
// environment names (AWS_ENDPOINT_URL: the moto server in the engine tests). It is not pulumi-aws:
// it does not imitate pulumi-aws's defaults, validation or schema beyond what the component needs.
// docs/engine.md says what it proves and what it does not.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

func main() {
	// The engine passes its own address as the first argument; this plugin never calls back.
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterResourceProviderServer(srv, newProvider())
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "stand-in aws plugin: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of standard output.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "stand-in aws plugin stopped: %v\n", err)
		os.Exit(1)
	}
}
