module github.com/wxinspect/wxinspect

go 1.26
