// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

// Command gotestsummary reads `go test -json` on stdin and prints what a
// CI log needs without the noise of `go test -v`: one line per package,
// the whole output of every failed test, and every skipped test with the
// reason it gave (such as tfversion.SkipBelow's "Terraform CLI version
// 1.11.4 is below minimum version 1.14.0"), grouped by reason. It writes
// the plain `go test -v` text to -log and exits 1 when anything failed.
//
//	go test -json ./... | bin/tools/gotestsummary -log bin/test.log -label "Terraform v1.11.4"
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Action     string
	Package    string
	ImportPath string
	Test       string
	Output     string
	Elapsed    float64
}

type key struct{ pkg, test string }

type summary struct {
	out     io.Writer
	output  map[key][]string // output of each test still running
	skipped map[string][]key // by reason
	counts  map[string]int   // by action: pass, fail, skip
	failed  bool
}

func main() {
	logPath := flag.String("log", "", "write the plain test output here")
	label := flag.String("label", "", "what ran the tests, for the last line (such as the CLI version)")
	flag.Parse()
	os.Exit(run(*logPath, *label))
}

// run summarises the test events on stdin and returns the exit code: 1 when
// a test or build failed, 2 when the summary itself failed.
func run(logPath, label string) int {
	log := io.Discard
	if logPath != "" {
		f, err := os.Create(logPath)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gotestsummary:", err)
			return 2
		}
		defer func() {
			if err := f.Close(); err != nil {
				fmt.Fprintln(os.Stderr, "gotestsummary:", err)
			}
		}()
		log = f
	}
	s := &summary{out: os.Stdout, output: map[key][]string{}, skipped: map[string][]key{}, counts: map[string]int{}}
	if err := s.read(os.Stdin, log); err != nil {
		fmt.Fprintln(os.Stderr, "gotestsummary:", err)
		return 2
	}
	s.report(label, logPath)
	if s.failed {
		return 1
	}
	return 0
}

func (s *summary) read(r io.Reader, log io.Writer) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil || e.Action == "" {
			// Not test2json: a build error or a panic before the
			// test binary started. Show it as it is.
			fmt.Fprintln(s.out, string(line))
			fmt.Fprintln(log, string(line))
			continue
		}
		if e.Output != "" {
			fmt.Fprint(log, e.Output)
		}
		s.handle(e)
	}
	return sc.Err()
}

func (s *summary) handle(e event) {
	k := key{e.Package, e.Test}
	switch {
	case e.Action == "build-output":
		fmt.Fprint(s.out, e.Output)
	case e.Action == "build-fail":
		s.failed = true
	case e.Test == "" && e.Action == "output":
		// Package lines: "ok  pkg 1.2s", "FAIL pkg", "? pkg [no test
		// files]", and output outside any test (TestMain, panics).
		if o := e.Output; !quiet(o) {
			fmt.Fprint(s.out, o)
		}
	case e.Test == "" && e.Action == "fail":
		s.failed = true
		s.printUnfinished(e.Package)
	case e.Test == "":
		// The package's pass or skip: its tests are counted one by one.
	case e.Action == "output":
		s.output[k] = append(s.output[k], e.Output)
	case e.Action == "pass" || e.Action == "fail" || e.Action == "skip":
		s.counts[e.Action]++
		lines := s.output[k]
		delete(s.output, k)
		switch e.Action {
		case "fail":
			s.failed = true
			for _, l := range lines {
				if !strings.HasPrefix(l, "=== ") {
					fmt.Fprint(s.out, l)
				}
			}
		case "skip":
			r := reason(lines)
			s.skipped[r] = append(s.skipped[r], k)
		}
	}
}

// quiet reports whether a package-level line says nothing a CI log needs.
func quiet(line string) bool {
	return line == "PASS\n" || line == "FAIL\n" || line == "testing: warning: no tests to run\n" ||
		strings.HasPrefix(line, "=== ") || strings.HasPrefix(line, "coverage: ") ||
		strings.HasPrefix(line, "?   \t") && strings.HasSuffix(line, "[no test files]\n")
}

// printUnfinished prints what the tests of a failed package that never
// ended said: the binary exited under them (os.Exit, a panic, -timeout).
func (s *summary) printUnfinished(pkg string) {
	var tests []string
	for k := range s.output {
		if k.pkg == pkg {
			tests = append(tests, k.test)
		}
	}
	sort.Strings(tests)
	for _, t := range tests {
		k := key{pkg, t}
		var said []string
		for _, l := range s.output[k] {
			if !strings.HasPrefix(l, "=== ") {
				said = append(said, l)
			}
		}
		delete(s.output, k)
		if len(said) > 0 {
			s.counts["fail"]++
			fmt.Fprintf(s.out, "--- UNFINISHED: %s (the test binary exited while it ran)\n%s", t, strings.Join(said, ""))
		}
	}
}

// reason is what a skipped test logged: t.Skip's message, less the
// "=== RUN" and "--- SKIP" framing and the file:line prefix.
func reason(lines []string) string {
	var parts []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- ") {
			continue
		}
		if place, msg, ok := strings.Cut(t, ": "); ok && isSourcePlace(place) {
			t = msg
		}
		parts = append(parts, t)
	}
	if len(parts) == 0 {
		return "(no reason given)"
	}
	return strings.Join(parts, " / ")
}

// isSourcePlace reports whether s is a file:line such as "a_test.go:12".
func isSourcePlace(s string) bool {
	file, line, ok := strings.Cut(s, ":")
	if !ok || !strings.HasSuffix(file, ".go") || line == "" {
		return false
	}
	for _, r := range line {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func (s *summary) report(label, logPath string) {
	if n := s.counts["skip"]; n > 0 {
		fmt.Fprintf(s.out, "\nSkipped %d test(s), by reason:\n", n)
		reasons := make([]string, 0, len(s.skipped))
		for r := range s.skipped {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		for _, r := range reasons {
			tests := s.skipped[r]
			names := make([]string, len(tests))
			for i, k := range tests {
				names[i] = k.test
			}
			sort.Strings(names)
			const shown = 8
			list := strings.Join(names[:min(len(names), shown)], ", ")
			if len(names) > shown {
				list += fmt.Sprintf(", and %d more", len(names)-shown)
			}
			fmt.Fprintf(s.out, "  %d: %s\n     %s\n", len(names), r, list)
		}
	}
	result := "PASS"
	if s.failed {
		result = "FAIL"
	}
	if label != "" {
		label = " with " + label
	}
	fmt.Fprintf(s.out, "\n%s%s: %d passed, %d failed, %d skipped (skipped tests did not run and are not counted as passing)",
		result, label, s.counts["pass"], s.counts["fail"], s.counts["skip"])
	if logPath != "" {
		fmt.Fprintf(s.out, "; full output in %s", logPath)
	}
	fmt.Fprintln(s.out)
}
