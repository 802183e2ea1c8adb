package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/rsakey"
	"github.com/wxinspect/wxinspect/internal/secret"
)

// platformFlags are the flags of the platforms other than WeChat, on
// decrypt, inspect, batch and fixture. Keys come from files or the
// environment, never from the command line.
type platformFlags struct {
	platform       string
	appKey         string
	aesKeyFile     string
	alipayKeyFile  string
	privateKeyFile string
}

func (f *platformFlags) declare(fs *flag.FlagSet) {
	fs.StringVar(&f.platform, "platform", "", "the data's `PLATFORM`: wechat (default), qq, douyin, kuaishou, feishu, baidu or alipay (overrides the input's)")
	fs.StringVar(&f.appKey, "app-key", "", "Baidu: your smart program's App `KEY`, which ends the plaintext (overrides the input's app_key)")
	fs.StringVar(&f.aesKeyFile, "aes-key-file", "", "Alipay: read the AES key (接口内容加密方式, base64) from `FILE` (default: $ALIPAY_AES_KEY)")
	fs.StringVar(&f.alipayKeyFile, "alipay-public-key-file", "", "Alipay: the Alipay public key (支付宝公钥), PEM or bare base64, from `FILE`")
	fs.StringVar(&f.privateKeyFile, "private-key-file", "", "Douyin (get_phonenumber_info): the application private key, PEM (PKCS#1 or PKCS#8), from `FILE`")
}

// errPlatform is an unknown --platform: a usage error.
var errPlatform = errors.New("unknown platform")

// applyPlatform completes in with the platform flags, the environment and
// the key files. A key file that holds no usable key gives a report
// (bad_key) instead of an error.
func (c *cli) applyPlatform(f *platformFlags, in *core.Input) (*core.Report, error) {
	if f.platform != "" {
		p, ok := core.ParsePlatform(f.platform)
		if !ok {
			return nil, errPlatform
		}
		in.Platform = p
	}
	if f.appKey != "" {
		in.AppKey = f.appKey
	}
	switch {
	case f.aesKeyFile != "":
		k, err := secret.ReadFile(f.aesKeyFile, c.stdin)
		if err != nil {
			return nil, fmt.Errorf("--aes-key-file: %w", err)
		}
		in.AESKey = k
	case (in.Platform == core.PlatformAlipay || in.Platform == "") && in.AESKey == "":
		// also when the platform is not stated: the input's shape may be Alipay's
		in.AESKey = strings.TrimSpace(c.getenv("ALIPAY_AES_KEY"))
	}
	if f.alipayKeyFile != "" {
		b, err := os.ReadFile(f.alipayKeyFile)
		if err != nil {
			return nil, fmt.Errorf("--alipay-public-key-file: %w", err)
		}
		k, err := rsakey.ParsePublicKey(b)
		if ke, ok := errors.AsType[*rsakey.Error](err); ok {
			return ke.Report(c.lang), nil
		}
		in.AlipayPublicKey = k
	}
	if f.privateKeyFile != "" {
		b, err := os.ReadFile(f.privateKeyFile)
		if err != nil {
			return nil, fmt.Errorf("--private-key-file: %w", err)
		}
		k, err := rsakey.ParsePrivateKey(b)
		if ke, ok := errors.AsType[*rsakey.Error](err); ok {
			return ke.Report(c.lang), nil
		}
		in.PrivateKey = k
	}
	return nil, nil
}

// platformUsage is the usage error of an unknown --platform.
func (c *cli) platformUsage(cmd *command, name string) int {
	return c.usage(cmd, c.tr("unknown --platform %q: want wechat, qq, douyin, kuaishou, feishu, baidu or alipay",
		"未知的 --platform %q：应为 wechat、qq、douyin、kuaishou、feishu、baidu 或 alipay"), name)
}

// withoutPrompt reports whether the input has no iv and encryptedData to
// ask for: Alipay's response and Douyin's RSA data.
func withoutPrompt(in *core.Input) bool {
	return in.Platform == core.PlatformAlipay || in.Platform == core.PlatformDouyin && in.Data != ""
}
