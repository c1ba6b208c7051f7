/// Something that sends one HTTP request and waits for its answer, blocking the calling thread.
///
/// ``CurlTransport`` is the real one. The protocol exists so the sync client can take its transport
/// as a value (see ``RetryingClient``) rather than looking one up.
public protocol HTTPTransport {
    /// Sends `request` and returns the hub's answer, whatever its status.
    ///
    /// - Parameter timeout: the most the whole exchange may take; callers pass the time left before
    ///   their own deadline.
    func send(_ request: HTTPRequest, timeout: Duration) throws(TransportError) -> HTTPResponse
}
