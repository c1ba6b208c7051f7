import Foundation

/// What a fault-injecting ``TestHTTPServer`` in front of the hub does with each request.
///
/// By default a request is forwarded. A rule arms one fault for the n-th request of a method counted
/// from when it was armed: it may run an action first (kill the sync, kill the hub, wait at a gate)
/// and then gives its reply. Each rule fires once.
final class EndToEndProxyScript: @unchecked Sendable {
    private struct Rule {
        var method: String
        var ordinal: Int
        var seen = 0
        var action: @Sendable () -> Void
        var reply: TestHTTPServer.Reply
    }

    private let lock = NSLock()
    private var rules: [Rule] = []
    private var fired: [String] = []

    /// Makes the `ordinal`-th `method` request from now (1 = the next one) run `action` and get `reply`.
    func arm(_ method: String, _ ordinal: Int = 1, reply: TestHTTPServer.Reply, action: @escaping @Sendable () -> Void = {}) {
        lock.withLock { rules.append(Rule(method: method, ordinal: ordinal, action: action, reply: reply)) }
    }

    /// Drops the rules that have not fired.
    func disarm() {
        lock.withLock { rules.removeAll() }
    }

    /// The faults that fired, in order, as `METHOD target → reply`.
    var log: [String] {
        lock.withLock { fired }
    }

    /// The answer for `request`: the first rule it completes, else `.forward`.
    func reply(to request: TestHTTPServer.Request) -> TestHTTPServer.Reply {
        let rule: Rule? = lock.withLock {
            var chosen: Rule?
            for index in rules.indices where rules[index].method == request.method {
                rules[index].seen += 1
                if chosen == nil, rules[index].seen == rules[index].ordinal { chosen = rules[index] }
            }
            rules.removeAll { $0.seen >= $0.ordinal }
            if let chosen { fired.append("\(request.method) \(request.target.prefix(60)) → \(chosen.reply)") }
            return chosen
        }
        guard let rule else { return .forward }
        rule.action()
        return rule.reply
    }

    /// A proxy on a free port forwarding to `upstreamPort` as this script says.
    func proxy(to upstreamPort: UInt16) throws -> TestHTTPServer {
        try TestHTTPServer(upstreamPort: upstreamPort) { [self] request, _ in reply(to: request) }
    }
}
