// Types of the wxinspect package: the wxinspect core compiled to WebAssembly.

/** What to load the module from; by default the package's own wxinspect.wasm. */
export type ModuleSource =
  | BufferSource
  | WebAssembly.Module
  | URL
  | string
  | Response
  | PromiseLike<Response>;

export interface LoadOptions {
  /** The module, for a bundler or host that serves it elsewhere. */
  module?: ModuleSource;
}

/** Runs the module once per JavaScript realm and resolves to its API. */
export function load(options?: LoadOptions): Promise<WxInspect>;

export type Lang = "en" | "zh" | (string & {});

/** One input, as `wxinspect decrypt` reads it: snake_case or the camelCase keys of e.detail. */
export interface Input {
  appid?: string;
  session_key?: string;
  iv?: string;
  encrypted_data?: string;
  appId?: string;
  sessionKey?: string;
  encryptedData?: string;
  /** Fail with watermark_expired when the data is older than this. */
  max_age_seconds?: number;
  lang?: Lang;
  /** The clock, Unix seconds (for tests). */
  now?: number;
}

export interface TextOptions {
  /** The appid to check the watermark against when the text names none. */
  appid?: string;
  max_age_seconds?: number;
  lang?: Lang;
}

export type Severity = "error" | "warning" | (string & {});

export interface Finding {
  code: string;
  severity: Severity;
  field?: string;
  message: string;
  hint?: string;
}

export interface ReportError {
  code: string;
  message: string;
  hint?: string;
  /** WeChat's demo error code (-41001, -41002, -41003), when there is one. */
  wechat_code?: number;
}

export interface Watermark {
  appid: string;
  timestamp: number;
  time?: string;
  age_seconds?: number;
  appid_check?: string;
  expected_appid?: string;
}

/** A report: the schema of `wxinspect decrypt --json`. */
export interface Report {
  ok: boolean;
  /** phone, user, werun, share, group, … when the data decrypted. */
  kind?: string;
  /** The decrypted object, as WeChat made it. */
  data?: Record<string, unknown>;
  watermark?: Watermark;
  error?: ReportError;
  findings: Finding[];
  [key: string]: unknown;
}

export interface PhoneNumberCallInput {
  access_token?: string;
  code?: string;
  openid?: string;
  /** Put the access_token in the curl command (else it reads $WX_ACCESS_TOKEN). */
  reveal?: boolean;
}

export interface RIDCallInput {
  access_token?: string;
  /** The rid of a failed call, as its errmsg gives it ("… rid: 6751a2f9-7d9b5d30-4f2b5c17"). */
  rid?: string;
  /** Put the access_token in the curl command (else it reads $WX_ACCESS_TOKEN). */
  reveal?: boolean;
}

export interface PhoneNumberCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  curl: string;
}

export interface FixtureSpec {
  kind?: "phone" | "user" | "werun" | "share" | "group" | (string & {});
  appid?: string;
  session_key?: string;
  iv?: string;
  timestamp?: number;
  [key: string]: unknown;
}

export type Fixture =
  | { session_key: string; iv: string; encrypted_data: string; plaintext: string }
  | { error: { code: string; message: string } };

export interface CodeInfo {
  code: string;
  /** WeChat's demo error code, or 0. */
  wechat_code: number;
}

export interface Fields {
  appid: string;
  session_key: string;
  iv: string;
  encrypted_data: string;
}

export interface WxInspect {
  /** The module's version. */
  readonly version: string;
  /** WeChat's official sample input. */
  readonly sample: Fields;
  /** Decrypts and explains one input; never throws. */
  inspect(input: Input): Report;
  /** inspect for many inputs in one call, in order. */
  inspectMany(inputs: Input[]): Report[];
  /** Reads pasted text (a log line, e.detail, a query string, …) and inspects each record in it. */
  inspectText(text: string, options?: TextOptions): Report[];
  /** The fields found in pasted text. */
  extract(text: string): Fields;
  /** The getuserphonenumber request and a curl command for it; sends nothing. */
  buildPhoneNumberCall(input: PhoneNumberCallInput): PhoneNumberCall;
  /** The rid/get request (the request and answer WeChat saw under a rid); sends nothing. */
  buildRIDCall(input: RIDCallInput): PhoneNumberCall;
  /** Test data as WeChat makes it. */
  fixture(spec: FixtureSpec): Fixture;
  /** Every code a report can carry, errors first. */
  codes(): CodeInfo[];
  /** The message and hint of a code, in a language, with the message's arguments. */
  describe(code: string, lang?: Lang, ...args: string[]): { message: string; hint: string };
}
