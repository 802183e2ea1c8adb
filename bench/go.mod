module github.com/wxinspect/wxinspect/bench

go 1.26.0

replace github.com/wxinspect/wxinspect => ../

require (
	github.com/go-pay/wechat-sdk v1.1.10
	github.com/medivhzhan/weapp/v3 v3.8.2
	github.com/silenceper/wechat/v2 v2.1.14
	github.com/wxinspect/wxinspect v0.0.0-00010101000000-000000000000
)

require (
	github.com/aclements/go-moremath v0.0.0-20210112150236-f10218a38794 // indirect
	github.com/bradfitz/gomemcache v0.0.0-20220106215444-fb4bf637b56d // indirect
	github.com/cespare/xxhash/v2 v2.1.2 // indirect
	github.com/dgryski/go-rendezvous v0.0.0-20200823014737-9f7001d12a5f // indirect
	github.com/fatih/color v1.16.0 // indirect
	github.com/go-pay/bm v0.0.5 // indirect
	github.com/go-pay/crypto v0.0.1 // indirect
	github.com/go-pay/util v0.0.4 // indirect
	github.com/go-pay/xhttp v0.0.3 // indirect
	github.com/go-pay/xlog v0.0.3 // indirect
	github.com/go-pay/xtime v0.0.2 // indirect
	github.com/go-redis/redis/v8 v8.11.5 // indirect
	github.com/mattn/go-colorable v0.1.13 // indirect
	github.com/mattn/go-isatty v0.0.20 // indirect
	github.com/mitchellh/mapstructure v1.5.0 // indirect
	golang.org/x/crypto v0.57.0 // indirect
	golang.org/x/perf v0.0.0-20260908200009-22c9c6c9d4da // indirect
	golang.org/x/sys v0.49.0 // indirect
)

tool golang.org/x/perf/cmd/benchstat
