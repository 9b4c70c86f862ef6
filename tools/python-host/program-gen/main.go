// Command program-gen is the code generator behind tools/python-host's
// GenerateProgram: it turns the PCL program the engine hands a language host
// (for `pulumi import`, `pulumi convert`) into Python with Pulumi's own generator
// (github.com/pulumi/pulumi/pkg/v3/codegen/python), the one upstream's
// pulumi-language-python calls. The host is Python; this is the part that has to be Go.
//
// Usage: program-gen < REQUEST.json > RESPONSE.json
//
//	request:  {"source": {"main.pp": "..."}, "loaderTarget": "127.0.0.1:PORT", "strict": false}
//	response: {"files": {"__main__.py": "..."}, "diagnostics": [{"severity": "error", "summary": "...", "detail": "..."}]}
//
// loaderTarget is the engine's schema loader (the package schemas the program's
// resources need), served for the length of the call.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

type request struct {
	Source       map[string]string `json:"source"`
	LoaderTarget string            `json:"loaderTarget"`
	Strict       bool              `json:"strict"`
}

type diagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
}

type response struct {
	Files       map[string]string `json:"files"`
	Diagnostics []diagnostic      `json:"diagnostics"`
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fail(fmt.Errorf("reading the request: %w", err))
	}
	res, err := generate(req)
	if err != nil {
		fail(err)
	}
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "program-gen: %v\n", err)
	os.Exit(1)
}

func generate(req request) (response, error) {
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return response{}, err
	}
	defer loader.Close()

	parser := syntax.NewParser()
	for path, contents := range req.Source {
		if err := parser.ParseFile(strings.NewReader(contents), path); err != nil {
			return response{}, err
		}
	}
	if parser.Diagnostics.HasErrors() {
		return response{Diagnostics: convert(parser.Diagnostics)}, nil
	}

	options := []pcl.BindOption{pcl.PreferOutputVersionedInvokes}
	if !req.Strict {
		// As the engine asks for `pulumi import`: the program may name parents and providers it does not declare.
		options = append(options, pcl.NonStrictBindOptions()...)
	}
	program, diags, err := pcl.BindProgram(parser.Files, schema.NewCachedLoader(loader), options...)
	if err != nil {
		return response{}, err
	}
	if diags.HasErrors() || program == nil {
		return response{Diagnostics: convert(diags)}, nil
	}

	files, genDiags, err := python.GenerateProgram(program)
	if err != nil {
		return response{}, err
	}
	res := response{Files: map[string]string{}, Diagnostics: convert(append(diags, genDiags...))}
	for name, text := range files {
		res.Files[name] = string(text)
	}
	return res, nil
}

func convert(diags hcl.Diagnostics) []diagnostic {
	out := []diagnostic{}
	for _, d := range diags {
		severity := "warning"
		if d.Severity == hcl.DiagError {
			severity = "error"
		}
		out = append(out, diagnostic{Severity: severity, Summary: d.Summary, Detail: d.Detail})
	}
	return out
}
