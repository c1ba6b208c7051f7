import Foundation

extension HTTPResponse {
    /// The wait the hub asks for in its `Retry-After` header, given as whole seconds or as an
    /// HTTP-date; `nil` when the header is missing or unreadable. A date already past asks for no wait.
    public func retryAfter(now: Date) -> Duration? {
        guard let text = header("Retry-After")?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) {
            // Too many digits for an Int is still a request to wait a long time.
            return .seconds(Int(text) ?? Int(Int32.max))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: text) else { return nil }
        return .milliseconds(max(0, Int((date.timeIntervalSince(now) * 1000).rounded(.up))))
    }
}
