import CCurl
import Foundation

/// Sends HTTP requests with libcurl, reusing one connection to the hub while it stays open.
///
/// TLS peer and host name verification are always on; a private certificate authority can be added
/// with ``Configuration/caFile``. Proxies come from the usual environment variables (`https_proxy`,
/// `no_proxy`), except that a loopback hub is always reached directly.
///
/// Calls block the calling thread, so run them on a thread of your own, never on Swift's cooperative
/// pool. Not `Sendable`: it owns one libcurl easy handle, which only one thread may use at a time.
public final class CurlTransport: HTTPTransport {
    /// Timeouts, limits and trust settings for every request.
    public struct Configuration: Sendable {
        /// A PEM file of certificate authorities to trust instead of the system's, for a hub with a
        /// private CA.
        public var caFile: String?
        /// The most setting up a connection (TCP and TLS) may take.
        public var connectTimeout: Duration
        /// With ``lowSpeedTime``: a transfer slower than this many bytes per second for that long is
        /// abandoned as stalled, however long its total timeout.
        public var lowSpeedLimit: Int
        /// See ``lowSpeedLimit``; rounded up to whole seconds.
        public var lowSpeedTime: Duration
        /// The largest answer body accepted, after decompression.
        public var maxResponseBytes: Int
        /// The `User-Agent` header.
        public var userAgent: String

        public init(
            caFile: String? = nil, connectTimeout: Duration = .seconds(15), lowSpeedLimit: Int = 1,
            lowSpeedTime: Duration = .seconds(30), maxResponseBytes: Int = 64 << 20, userAgent: String = "gangwan"
        ) {
            self.caFile = caFile
            self.connectTimeout = connectTimeout
            self.lowSpeedLimit = lowSpeedLimit
            self.lowSpeedTime = lowSpeedTime
            self.maxResponseBytes = maxResponseBytes
            self.userAgent = userAgent
        }
    }

    private let configuration: Configuration
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    public init(configuration: Configuration = Configuration()) {
        // libcurl is loaded, and set up once for the process, by the first handle (see CCurl/shim.h).
        guard let handle = gangwan_curl_easy_init() else {
            preconditionFailure("libcurl (Debian package libcurl4) is missing or cannot start; run scripts/install-deps")
        }
        self.configuration = configuration
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
    }

    deinit {
        gangwan_curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    public func send(_ request: HTTPRequest, timeout: Duration) throws(TransportError) -> HTTPResponse {
        let target = try Endpoint.check(request.url)
        if let name = request.headers.first(where: { ($0.key + $0.value).contains(where: \.isNewline) })?.key {
            throw .invalidHeader(name: name)
        }
        let headerList = Self.headerList(request.headers)
        defer { gangwan_curl_slist_free_all(headerList) }
        let collector = CurlResponseCollector(limit: configuration.maxResponseBytes)

        // Reset clears the previous request's options but keeps the open connection for reuse.
        gangwan_curl_easy_reset(handle)
        errorBuffer[0] = 0
        let unmanagedCollector = Unmanaged.passRetained(collector)
        defer { unmanagedCollector.release() }
        let setup = [
            gangwan_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
            gangwan_curl_setopt_string(handle, CURLOPT_URL, request.url),
            gangwan_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"),
            gangwan_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            gangwan_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1),
            gangwan_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2),
            gangwan_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout)),
            gangwan_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout)),
            gangwan_curl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedLimit),
            gangwan_curl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, (Self.milliseconds(configuration.lowSpeedTime) + 999) / 1000),
            gangwan_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""),
            gangwan_curl_setopt_string(handle, CURLOPT_USERAGENT, configuration.userAgent),
            gangwan_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList)),
            gangwan_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, unmanagedCollector.toOpaque()),
            gangwan_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, collector in
                Unmanaged<CurlResponseCollector>.fromOpaque(collector!).takeUnretainedValue().appendBody(data, size * count)
            },
            gangwan_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, unmanagedCollector.toOpaque()),
            gangwan_curl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, collector in
                Unmanaged<CurlResponseCollector>.fromOpaque(collector!).takeUnretainedValue().appendHeaderLine(data, size * count)
            },
        ] + methodOptions(request) + trustOptions(loopback: target.isLoopback)
        if let failed = setup.first(where: { $0 != CURLE_OK }) {
            throw .failed(host: target.host, code: Int(failed.rawValue), detail: String(cString: gangwan_curl_easy_strerror(failed)))
        }

        let code = gangwan_curl_easy_perform(handle)
        guard code == CURLE_OK else { throw error(for: code, host: target.host, collector: collector) }
        var status = 0
        _ = gangwan_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: collector.headers, body: collector.body)
    }

    /// Options that choose the method and hand over the body: GET and HEAD send none, any other
    /// method sends `body` (copied by libcurl, so it need not outlive this call).
    private func methodOptions(_ request: HTTPRequest) -> [CURLcode] {
        switch request.method.uppercased() {
        case "GET":
            return [gangwan_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)]
        case "HEAD":
            return [gangwan_curl_setopt_long(handle, CURLOPT_NOBODY, 1)]
        case let method:
            var codes = [gangwan_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))]
            codes.append(
                request.body.isEmpty
                    ? gangwan_curl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
                    : request.body.withUnsafeBytes { gangwan_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) })
            if method != "POST" { codes.append(gangwan_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)) }
            return codes
        }
    }

    /// The private CA, if any, and the proxy bypass for a hub on this machine.
    private func trustOptions(loopback: Bool) -> [CURLcode] {
        var codes: [CURLcode] = []
        if let caFile = configuration.caFile { codes.append(gangwan_curl_setopt_string(handle, CURLOPT_CAINFO, caFile)) }
        // A proxy from the environment cannot reach this machine's loopback interface.
        if loopback { codes.append(gangwan_curl_setopt_string(handle, CURLOPT_NOPROXY, "*")) }
        return codes
    }

    /// Classifies a failed transfer; the detail comes from libcurl and never holds request headers.
    private func error(for code: CURLcode, host: String, collector: CurlResponseCollector) -> TransportError {
        let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: gangwan_curl_easy_strerror(code))
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return .unreachable(host: host, detail: detail)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(host: host, detail: detail)
        case CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .connectionLost(host: host, detail: detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE:
            return .tlsFailure(host: host, detail: detail)
        case CURLE_WRITE_ERROR where collector.overflowed:
            return .responseTooLarge(host: host, limit: configuration.maxResponseBytes)
        default:
            return .failed(host: host, code: Int(code.rawValue), detail: detail)
        }
    }

    /// The request headers as a libcurl list, plus an empty `Expect:` so that libcurl sends a large
    /// body at once instead of waiting for a `100 Continue`. The caller frees the list.
    private static func headerList(_ headers: [String: String]) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        // libcurl drops a header written `Name:` with nothing after it; `Name;` sends it empty.
        let lines = headers.sorted { $0.key < $1.key }.map { $0.value.isEmpty ? "\($0.key);" : "\($0.key): \($0.value)" }
        for line in lines + ["Expect:"] {
            guard let longer = gangwan_curl_slist_append(list, line) else { preconditionFailure("curl_slist_append: out of memory") }
            list = longer
        }
        return list
    }

    /// A duration in whole milliseconds, at least 1 (libcurl reads 0 as "no timeout").
    private static func milliseconds(_ duration: Duration) -> Int {
        max(1, Int((duration / .milliseconds(1)).rounded(.up)))
    }
}
