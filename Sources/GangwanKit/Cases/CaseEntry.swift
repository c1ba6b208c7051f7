import Foundation

/// What a caseworker types to log an event on a case, before validation.
public struct CaseEntry: Sendable, Equatable {
    /// The case's id or unique id prefix.
    public var caseRef: String
    public var kind: String
    public var text: String
    /// Yuan, required for `assistance` and `recovery`, refused for other kinds.
    public var amount: String?
    /// When it happened (ISO 8601; without an offset, Shanghai time). Default: now.
    public var at: String?
    /// The id (or unique prefix) of the event this one corrects.
    public var corrects: String?

    /// Creates an entry.
    public init(caseRef: String, kind: String, text: String, amount: String? = nil, at: String? = nil, corrects: String? = nil) {
        self.caseRef = caseRef
        self.kind = kind
        self.text = text
        self.amount = amount
        self.at = at
        self.corrects = corrects
    }
}
