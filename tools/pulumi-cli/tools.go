//go:build tools

// Package cli pins the Pulumi CLI main package so `go build` can build it
// from this wrapper module (pkg/v3's own go.mod has replace lines, which
// makes `go install pkg@version` refuse it).
package engine

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
