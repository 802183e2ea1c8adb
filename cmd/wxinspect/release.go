package main

// releaseVersion is the version of a release build, stamped by make release
// (-ldflags "-X main.releaseVersion=…"); a build from a module version or a
// checkout leaves it empty and version reads the build information.
var releaseVersion string
