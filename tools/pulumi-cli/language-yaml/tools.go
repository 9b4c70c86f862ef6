//go:build tools

// Package languageyaml pins the Pulumi YAML language host so `go build` can
// build `pulumi-language-yaml` from this wrapper module. It is a module of its
// own because pulumi-yaml pins pkg/sdk v3.206.0, while ../go.mod pins the CLI's.
package languageyaml

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
