package main

import (
	"errors"
	"io"
	"os"
	"sync"
)

// output is standard output, remembering its first write error, so that
// every command fails when its result could not be written (a full disk, a
// closed pipe) instead of exiting 0 with the result lost.
type output struct {
	mu  sync.Mutex
	w   io.Writer
	err error
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err != nil {
		o.err = err
	}
	return n, err
}

// Sync flushes the file under it, if it is one; a failure counts as a write
// error.
func (o *output) Sync() error {
	f, ok := o.w.(interface{ Sync() error })
	if !ok {
		return nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	// A pipe or a terminal cannot be synced (EINVAL): nothing was lost.
	f.Sync()
	return o.err
}

func (o *output) failed() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}

// finish turns a command's status into a failure when its standard output
// could not be written.
func (c *cli) finish(status int) int {
	o, ok := c.stdout.(*output)
	if !ok {
		return status
	}
	if err := o.failed(); err != nil {
		c.errorf(c.tr("writing standard output: %v", "写入标准输出失败：%v"), unwrapPathError(err))
		if status == exitOK {
			return exitNotOK
		}
	}
	return status
}

// unwrapPathError drops the "write /dev/stdout:" of an *os.PathError.
func unwrapPathError(err error) error {
	if pe, ok := errors.AsType[*os.PathError](err); ok {
		return pe.Err
	}
	return err
}
