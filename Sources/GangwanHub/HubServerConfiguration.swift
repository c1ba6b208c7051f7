/// Where the hub listens.
public struct HubServerConfiguration: Sendable {
    /// The interface to bind, such as `127.0.0.1` or `0.0.0.0`.
    public var host: String
    /// The TCP port; 0 lets the system pick a free one.
    public var port: Int

    /// Listens on `host:port`; by default on loopback port 8080.
    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// The address the hub is listening on, known once the socket is bound.
public struct HubAddress: Sendable, Equatable {
    /// The host as configured.
    public var host: String
    /// The port actually bound (the one the system picked, for port 0).
    public var port: Int

    /// Creates an address from a host and a bound port.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// The base URL clients use, such as `http://127.0.0.1:54321` (IPv6 hosts in brackets).
    public var url: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }
}
