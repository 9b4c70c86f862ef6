// pulumi-language-nodejs: a small Node.js language host for the Pulumi engine.
//
// Why this exists: the Pulumi CLI is built here from the Go module proxy
// (see ../ensure-pulumi), but the official Node.js language host module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not
// served by the module mirror this project builds from, and GitHub is not
// reachable. The engine cannot run a `runtime: nodejs` project without a
// language host, so we ship this minimal one. It only does what the engine
// needs to run Node.js/TypeScript programs and Node.js policy packs; the real
// work is done by the entry points of the program's own `@pulumi/pulumi`
// package (cmd/run, cmd/run-policy-pack, cmd/run-plugin).
//
// Protocol: the engine starts this binary with `[flags] <engine address>`,
// reads the gRPC port from the first line of stdout, and then calls the
// LanguageRuntime service (sdk/v3/proto/go). Anything the Node.js process
// writes to stdout/stderr is forwarded to ours, which the engine shows.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	pbempty "google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// exitCodeAlreadyReported is the exit code @pulumi/pulumi's cmd/run uses when it
// has already shown the error to the user (through the engine's log); the
// engine should then stop without printing anything further ("bail").
const exitCodeAlreadyReported = 32

func main() {
	engineAddress, err := parseArgs(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(2)
	}

	host := &nodeHost{engineAddress: engineAddress}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start gRPC server: %v\n", err)
		os.Exit(1)
	}

	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

// parseArgs accepts what the engine passes: optional `--logtostderr`, `-v=N`,
// `--tracing <url>` (and a few others we ignore), then the engine address last.
func parseArgs(args []string) (string, error) {
	var positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--tracing" || a == "-tracing" || a == "--root" || a == "-root":
			i++ // flag with a separate value
		case strings.HasPrefix(a, "-"):
			// --logtostderr, -v=N, --tracing=url, ...: ignored
		default:
			positional = append(positional, a)
		}
	}
	if len(positional) == 0 {
		return "", errors.New("missing required engine RPC address argument")
	}
	return positional[len(positional)-1], nil
}

type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu            sync.Mutex
	engineAddress string
}

func (h *nodeHost) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

// Handshake is only used when the engine attaches to an already running host
// (PULUMI_DEBUG_LANGUAGES); a launched host gets the address on its command line.
func (h *nodeHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.engineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *nodeHost) GetPluginInfo(context.Context, *pbempty.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// Options from Pulumi.yaml `runtime.options` that we honour.
type nodeOptions struct {
	typescript bool   // default true: let cmd/run register ts-node
	tsconfig   string // path to a tsconfig file
	nodeargs   []string
}

func parseOptions(info *pulumirpc.ProgramInfo) nodeOptions {
	opts := nodeOptions{typescript: true}
	m := info.GetOptions().AsMap()
	if v, ok := m["typescript"].(bool); ok {
		opts.typescript = v
	}
	if v, ok := m["tsconfig"].(string); ok {
		opts.tsconfig = v
	}
	if v, ok := m["nodeargs"].(string); ok {
		opts.nodeargs = strings.Fields(v)
	}
	return opts
}

// programDir returns the program directory of a request, falling back to a deprecated field.
func programDir(info *pulumirpc.ProgramInfo, fallback string) string {
	if d := info.GetProgramDirectory(); d != "" {
		return d
	}
	if fallback != "" {
		return fallback
	}
	wd, _ := os.Getwd()
	return wd
}

// resolveModule asks node to resolve `module` the way a require() from dir would.
func resolveModule(ctx context.Context, nodeBin, dir, module string) (string, error) {
	cmd := exec.CommandContext(ctx, nodeBin, "-e", "console.log(require.resolve(process.argv[1]))", module)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := fmt.Sprintf("could not find module '%s' from %s; have you run `npm install`?", module, dir)
		if detail := errorLine(stderr.String()); detail != "" && !strings.Contains(detail, "Cannot find module") {
			msg += " (" + detail + ")"
		}
		return "", errors.New(msg)
	}
	return strings.TrimSpace(string(out)), nil
}

// errorLine picks the "Error: ..." line out of a Node.js stack dump.
func errorLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "Error") {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// Run executes the Pulumi program with @pulumi/pulumi/cmd/run.
func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find `node` on PATH: " + err.Error()}, nil
	}
	dir := programDir(req.GetInfo(), req.GetPwd())
	runPath, err := resolveModule(ctx, nodeBin, dir, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "It looks like the Pulumi SDK has not been installed: " + err.Error()}, nil
	}

	opts := parseOptions(req.GetInfo())
	args := append([]string{}, opts.nodeargs...)
	args = append(args, runPath)
	if req.GetOrganization() != "" {
		args = append(args, "--organization", req.GetOrganization())
	}
	args = append(args, "--project", req.GetProject(), "--stack", req.GetStack())
	if root := req.GetInfo().GetRootDirectory(); root != "" {
		args = append(args, "--root-directory", root)
	}
	if req.GetPwd() != "" {
		args = append(args, "--pwd", req.GetPwd())
	}
	args = append(args, "--monitor", req.GetMonitorAddress())
	if e := h.engine(); e != "" {
		args = append(args, "--engine", e)
	}
	if req.GetParallel() > 0 {
		args = append(args, fmt.Sprintf("--parallel=%d", req.GetParallel()))
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = req.GetProgram() //nolint:staticcheck // older engines
	}
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	configJSON, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
	)
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	cmd := exec.Command(nodeBin, args...)
	cmd.Dir = dir
	if req.GetPwd() != "" {
		cmd.Dir = req.GetPwd()
	}
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr

	err = cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exitErr):
		if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited unexpectedly: killed by signal %v", ws.Signal()),
			}, nil
		}
		if exitErr.ExitCode() == exitCodeAlreadyReported {
			return &pulumirpc.RunResponse{Bail: true}, nil
		}
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
		}, nil
	default:
		return &pulumirpc.RunResponse{Error: "Problem executing program (could not run node): " + err.Error()}, nil
	}
}

// RunPlugin runs a plugin written in Node.js: the engine uses it for policy
// packs (`pulumi preview --policy-pack DIR`, kind "analyzer") and for
// providers with a PulumiPlugin.yaml. Output is streamed back to the engine,
// which reads the plugin's gRPC port from the first stdout line.
func (h *nodeHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer,
) error {
	ctx := server.Context()
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("could not find `node` on PATH: %w", err)
	}
	dir := programDir(req.GetInfo(), req.GetProgram()) //nolint:staticcheck // older engines

	entry := "@pulumi/pulumi/cmd/run-plugin"
	if req.GetKind() == "analyzer" {
		entry = "@pulumi/pulumi/cmd/run-policy-pack"
	}
	runPath, err := resolveModule(ctx, nodeBin, dir, entry)
	if err != nil {
		return err
	}

	opts := parseOptions(req.GetInfo())
	args := append([]string{}, opts.nodeargs...)
	args = append(args, runPath)
	if req.GetKind() == "analyzer" {
		// run-policy-pack expects `[flags] <engine address> <program>`.
		args = append(args, req.GetArgs()...)
		args = append(args, dir)
	} else {
		// run-plugin expects `<program> [plugin args...]`.
		args = append(args, dir)
		args = append(args, req.GetArgs()...)
	}

	cmd := exec.CommandContext(ctx, nodeBin, args...)
	// Run in the plugin's own directory, not req.Pwd (the project's): e.g.
	// @pulumi/policy reads the pack version from ./package.json.
	cmd.Dir = dir
	if len(req.GetEnv()) > 0 {
		cmd.Env = req.GetEnv()
	}
	if opts.tsconfig != "" {
		cmd.Env = append(cmdEnv(cmd), "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	var sendMu sync.Mutex
	send := func(msg *pulumirpc.RunPluginResponse) error {
		sendMu.Lock()
		defer sendMu.Unlock()
		return server.Send(msg)
	}
	cmd.Stdout = &streamWriter{send: func(b []byte) error {
		return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}})
	}}
	cmd.Stderr = &streamWriter{send: func(b []byte) error {
		return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}})
	}}

	err = cmd.Run()
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		return err
	}
	return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}

func cmdEnv(cmd *exec.Cmd) []string {
	if cmd.Env != nil {
		return cmd.Env
	}
	return os.Environ()
}

// streamWriter forwards each write as one gRPC message (copying the buffer).
type streamWriter struct {
	send func([]byte) error
}

func (w *streamWriter) Write(p []byte) (int, error) {
	if err := w.send(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// InstallDependencies runs `npm install` when the program has no node_modules yet; otherwise it does nothing.
func (h *nodeHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	dir := programDir(req.GetInfo(), req.GetDirectory()) //nolint:staticcheck // older engines
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "package.json")); err != nil {
		return nil // nothing to install
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return fmt.Errorf("could not find `npm` on PATH: %w", err)
	}
	cmd := exec.CommandContext(server.Context(), npm, "install")
	cmd.Dir = dir
	var sendMu sync.Mutex
	cmd.Stdout = &streamWriter{send: func(b []byte) error {
		sendMu.Lock()
		defer sendMu.Unlock()
		return server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: b})
	}}
	cmd.Stderr = &streamWriter{send: func(b []byte) error {
		sendMu.Lock()
		defer sendMu.Unlock()
		return server.Send(&pulumirpc.InstallDependenciesResponse{Stderr: b})
	}}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("`npm install` failed: %w", err)
	}
	return nil
}

// packageJSON holds the parts of a package.json we read.
type packageJSON struct {
	Name            string            `json:"name"`
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	Pulumi          *struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

func readPackageJSON(path string) (*packageJSON, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p packageJSON
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &p, nil
}

// installedPackages lists package.json files of the top-level packages in dir/node_modules
// (including scoped ones). Nested node_modules are not walked: good enough for finding
// resource plugins, which the SDKs hoist.
func installedPackages(dir string) []string {
	var out []string
	entries, _ := os.ReadDir(filepath.Join(dir, "node_modules"))
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		if strings.HasPrefix(name, "@") {
			scoped, _ := os.ReadDir(filepath.Join(dir, "node_modules", name))
			for _, s := range scoped {
				out = append(out, filepath.Join(dir, "node_modules", name, s.Name(), "package.json"))
			}
			continue
		}
		out = append(out, filepath.Join(dir, "node_modules", name, "package.json"))
	}
	return out
}

// requiredPlugins returns the resource plugins declared by installed packages
// (package.json `"pulumi": {"resource": true, ...}`). A program that only uses
// dynamic providers needs none.
func requiredPlugins(dir string) []*pulumirpc.PackageDependency {
	seen := map[string]bool{}
	var deps []*pulumirpc.PackageDependency
	for _, path := range installedPackages(dir) {
		p, err := readPackageJSON(path)
		if err != nil || p.Pulumi == nil || !p.Pulumi.Resource {
			continue
		}
		name := p.Pulumi.Name
		if name == "" {
			name = strings.TrimPrefix(p.Name, "@pulumi/")
			if i := strings.LastIndex(name, "/"); i >= 0 {
				name = name[i+1:]
			}
		}
		ver := p.Pulumi.Version
		if ver == "" {
			ver = p.Version
		}
		if ver != "" && !strings.HasPrefix(ver, "v") {
			ver = "v" + ver
		}
		key := name + "@" + ver
		if seen[key] {
			continue
		}
		seen[key] = true
		deps = append(deps, &pulumirpc.PackageDependency{
			Name: name, Kind: "resource", Version: ver, Server: p.Pulumi.Server,
		})
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
	return deps
}

func (h *nodeHost) GetRequiredPackages(
	_ context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{Packages: requiredPlugins(programDir(req.GetInfo(), ""))}, nil
}

func (h *nodeHost) GetRequiredPlugins(
	_ context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	var plugins []*pulumirpc.PluginDependency
	for _, d := range requiredPlugins(programDir(req.GetInfo(), req.GetPwd())) { //nolint:staticcheck
		plugins = append(plugins, &pulumirpc.PluginDependency{
			Name: d.Name, Kind: d.Kind, Version: d.Version, Server: d.Server,
		})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// GetProgramDependencies reports the program's package.json dependencies with installed versions.
func (h *nodeHost) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := programDir(req.GetInfo(), "")
	var deps []*pulumirpc.DependencyInfo
	if req.GetTransitiveDependencies() {
		for _, path := range installedPackages(dir) {
			if p, err := readPackageJSON(path); err == nil && p.Name != "" {
				deps = append(deps, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
			}
		}
	} else {
		root, err := readPackageJSON(filepath.Join(dir, "package.json"))
		if err != nil {
			return nil, status.Errorf(codes.FailedPrecondition, "reading package.json: %v", err)
		}
		for _, m := range []map[string]string{root.Dependencies, root.DevDependencies} {
			for name, wanted := range m {
				ver := wanted
				if p, err := readPackageJSON(filepath.Join(dir, "node_modules", name, "package.json")); err == nil {
					ver = p.Version
				}
				deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: ver})
			}
		}
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

func (h *nodeHost) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, status.Errorf(codes.FailedPrecondition, "could not find `node` on PATH: %v", err)
	}
	out, err := exec.CommandContext(ctx, nodeBin, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{
		Executable: nodeBin,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
		Metadata:   map[string]string{"languageHost": "pulumi-telnyx-reservations tools/pulumi-cli/language-host"},
	}, nil
}

// Cancel: nothing long-running to abort beyond the child processes, which the
// engine interrupts together with us (they share our process group).
func (h *nodeHost) Cancel(context.Context, *pbempty.Empty) (*pbempty.Empty, error) {
	return &pbempty.Empty{}, nil
}
