// Type fixes for the Python SDK: Pulumi's Python generator (v3.274.1) writes
// three constructs that mypy rejects, so a project that type-checks its
// dependencies' sources, or CI checking this SDK, would fail on code nobody
// here wrote. Each fix rewrites one exact construct and fails the generation
// when it no longer finds it: a generator upgrade that changes the code must
// be looked at again, never silently passed through.
package main

import (
	"fmt"
	"regexp"
	"strings"
)

// lift_output_func returns a lambda that returns an untyped inner function,
// where its signature promises the decorated function's own type. The cast
// says what the decorator means: the lifted function stands in for the
// decorated one. A named generic function, since mypy cannot bind the type
// variable inside a lambda.
const (
	liftedLambda = "    return (lambda _: lifted_func)\n"
	liftedTyped  = "    def decorate(_: _F) -> _F:\n        return typing.cast(_F, lifted_func)\n\n    return decorate\n"
)

// `None if x is None else pulumi.Output.secret(x)`: the test narrows
// Input[Optional[T]] to `T | Awaitable[T | None] | Output[T | None]`, from
// which mypy infers Output.secret's type variable as T and then rejects the
// Optional members. Casting back to the parameter's declared type (a widening,
// no claim mypy could not check) lets it infer Optional[T].
var secretInput = regexp.MustCompile(`None if (\w+) is None else pulumi\.Output\.secret\((\w+)\)`)

// A function's `__args__ = dict()` takes its value type from the first
// assignment, so a function whose arguments are not all strings (a search's
// limit, flags and feature list) fails mypy on the others. Declaring it as the
// map of anything that Pulumi's invoke takes says what it is.
const (
	invokeArgs      = "    __args__ = dict()\n"
	invokeArgsTyped = "    __args__: typing.Dict[str, typing.Any] = dict()\n"
)

func typePython(files map[string][]byte) error {
	utilities := ""
	for name := range files {
		if strings.HasSuffix(name, "/_utilities.py") {
			utilities = name
		}
	}
	if strings.Count(string(files[utilities]), liftedLambda) != 1 {
		return fmt.Errorf("python types: no _utilities.py with %q; check the generator's output with mypy", strings.TrimSpace(liftedLambda))
	}
	files[utilities] = []byte(strings.Replace(string(files[utilities]), liftedLambda, liftedTyped, 1))

	argsFound := false
	for name, content := range files {
		if !strings.HasSuffix(name, ".py") {
			continue
		}
		text := string(content)
		if strings.Contains(text, invokeArgs) {
			argsFound = true
			text = strings.ReplaceAll(text, invokeArgs, invokeArgsTyped)
		}
		var failure error
		typed := secretInput.ReplaceAllStringFunc(text, func(match string) string {
			parts := secretInput.FindStringSubmatch(match)
			declared := regexp.MustCompile(`\b` + parts[1] + `: (pulumi\.Input\[[^\n]*\]) = None,\n`).FindStringSubmatch(text)
			if parts[1] != parts[2] || declared == nil {
				failure = fmt.Errorf("python types: %s: no declared type for %q", name, match)
				return match
			}
			return fmt.Sprintf("None if %s is None else pulumi.Output.secret(typing.cast(%s, %s))", parts[1], declared[1], parts[1])
		})
		if failure != nil {
			return failure
		}
		if typed == string(content) {
			continue
		}
		if !strings.Contains(typed, "\nimport typing\n") {
			const anchor = "\nimport pulumi.runtime\n"
			if !strings.Contains(typed, anchor) {
				return fmt.Errorf("python types: %s: no %q to import typing after", name, strings.TrimSpace(anchor))
			}
			typed = strings.Replace(typed, anchor, anchor+"import typing\n", 1)
		}
		files[name] = []byte(typed)
	}
	if !argsFound {
		return fmt.Errorf("python types: no function with %q; check the generator's output with mypy", strings.TrimSpace(invokeArgs))
	}
	return nil
}
