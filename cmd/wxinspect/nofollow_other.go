//go:build !unix

package main

// noFollow is 0 where O_NOFOLLOW does not exist; writeSecretFile's Lstat
// check before opening is all there is.
const noFollow = 0
