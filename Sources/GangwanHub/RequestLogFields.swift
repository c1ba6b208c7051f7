import Foundation

/// Facts about a request that inner layers learn and the request log prints.
///
/// A class because a request context is copied on its way down the middleware chain; a lock
/// because Hummingbird may resume a request on another thread.
final class RequestLogFields: @unchecked Sendable {
    private let lock = NSLock()
    private var storedNode: String?

    /// The name of the authenticated node, if any.
    var node: String? {
        get { lock.withLock { storedNode } }
        set { lock.withLock { storedNode = newValue } }
    }
}
