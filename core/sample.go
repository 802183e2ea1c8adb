package core

// OfficialSample returns the example of WeChat's "开放数据校验与解密" document and
// of its WXBizDataCrypt demo code: user info of nickName "Band" for the
// mini-program wx4f4bc4dec97d474b, encrypted on 2016-10-24. It is used by
// `wxinspect demo`, the desktop's --sample and the tests; the same values are
// in testdata/official_sample.json.
//
// https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
func OfficialSample() Input { return officialSample }

var officialSample = Input{
	AppID:      "wx4f4bc4dec97d474b",
	SessionKey: "tiihtNczf5v6AKRyjwEUhQ==",
	IV:         "r7BXXKkLb8qrSNn05n0qiA==",
	EncryptedData: "CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+" +
		"3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6" +
		"/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs" +
		"8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns" +
		"/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG" +
		"20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew==",
}
