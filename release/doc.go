// Package release pins the tools that build wxinspect's release archives and
// holds the test that installs the command as `go install` does. See
// mk/release.mk.
package release
