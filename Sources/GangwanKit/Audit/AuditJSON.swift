import Foundation

/// An audit entry as `--json` prints it.
public struct AuditJSON: Encodable, Sendable {
    let at: String
    let actor: String
    let action: String
    let subject: String
    let detail: [String: String]

    /// The entry, its time in Beijing time.
    public init(_ entry: AuditEntry) {
        at = ShanghaiTime.timestamp(of: entry.at)
        actor = entry.actor
        action = entry.action
        subject = entry.subject
        detail = entry.detail
    }
}
