//go:build unix

package main

import "syscall"

// noFollow makes os.OpenFile fail on a symbolic link instead of following it.
const noFollow = syscall.O_NOFOLLOW
