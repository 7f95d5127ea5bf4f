// Command gen-python-sdk writes the Python SDK for a Pulumi package schema with the Python code generator
// of the pinned CLI's own module (github.com/pulumi/pulumi/pkg/v3 codegen/python), which is what
// `pulumi package gen-sdk --language python` runs. The pinned CLI asks its Python language host to generate
// instead, and the host that builds from the Go module proxy (sdk v3.68.0) predates that call.
//
// usage: gen-python-sdk SCHEMA.json OUT-DIR
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gen-python-sdk SCHEMA.json OUT-DIR")
		os.Exit(2)
	}
	if err := generate(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "gen-python-sdk: %v\n", err)
		os.Exit(1)
	}
}

func generate(schemaPath, out string) error {
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	pkg, err := schema.ImportSpec(spec, map[string]schema.Language{"python": python.Importer})
	if err != nil {
		return err
	}
	files, err := python.GeneratePackage("pulumi", pkg, nil)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	for name, data := range files {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
