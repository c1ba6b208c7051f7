import Foundation

/// Which workers a listing shows.
public struct WorkerFilter: Sendable {
    public var group: WorkerGroup?
    /// A region-code prefix: `6301` is all of 西宁.
    public var regionPrefix: String?
    /// Part of the name.
    public var name: String?

    /// A filter; with no arguments it keeps every worker.
    public init(group: WorkerGroup? = nil, regionPrefix: String? = nil, name: String? = nil) {
        self.group = group
        self.regionPrefix = regionPrefix
        self.name = name
    }
}
