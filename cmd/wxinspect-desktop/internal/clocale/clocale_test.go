package clocale

import "testing"

func TestIsC(t *testing.T) {
	for loc, want := range map[string]bool{
		"C.UTF-8": true, "C.utf8": true, "POSIX.UTF-8": true,
		"C": false, "POSIX": false, "": false, "zh_CN.UTF-8": false, "ca_ES.UTF-8": false,
	} {
		if got := IsC(loc); got != want {
			t.Errorf("IsC(%q) = %v, want %v", loc, got, want)
		}
	}
}
