// Command wxinspect decrypts and diagnoses WeChat mini-program open data and
// calls the WeChat server APIs, naming the real cause of every failure.
//
// Results go to standard output, errors and hints to standard error as
// "wxinspect: error: …" and "wxinspect: hint: …". The exit status is 0 when
// the result is ok, 1 when it is not, 2 on a usage error. Secrets (the
// session_key, the AppSecret, an access_token) are never taken on the command
// line: they come on standard input, from a file, from an environment
// variable or from a prompt that does not echo.
//
// Run "wxinspect help" for the commands.
package main

import (
	"os"
)

func main() {
	os.Exit(newCLI(os.Stdin, os.Stdout, os.Stderr, os.Getenv).run(os.Args[1:]))
}
