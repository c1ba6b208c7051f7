import Foundation

/// The kinds of record that sync between offices and the hub.
public enum SyncEntity: String, Codable, Sendable, CaseIterable {
    case station, worker, `case`, event
}

/// One change to one record, as it travels in a push or a pull.
///
/// `fields` holds the changed fields in their canonical text form (`null` clears a field). Each field
/// was written at the change's `hlc` unless `clocks` names another time for it: a record's first
/// change carries all its fields, some of which may have been edited again since. An event change
/// carries the whole event.
public struct SyncChange: Codable, Sendable, Equatable {
    public var entity: SyncEntity
    public var id: UUID
    public var hlc: HybridClock.Timestamp
    public var actor: String
    public var fields: [String: String?]
    /// The fields written at another time than `hlc`.
    public var clocks: [String: HybridClock.Timestamp]
    /// For each edited field, the time of the value its writer replaced; none for a new record's.
    public var bases: [String: HybridClock.Timestamp]

    public init(
        entity: SyncEntity, id: UUID, hlc: HybridClock.Timestamp, actor: String, fields: [String: String?],
        clocks: [String: HybridClock.Timestamp] = [:], bases: [String: HybridClock.Timestamp] = [:]
    ) {
        self.entity = entity
        self.id = id
        self.hlc = hlc
        self.actor = actor
        self.fields = fields
        self.clocks = clocks
        self.bases = bases
    }

    /// When `field`'s value was written.
    public func clock(of field: String) -> HybridClock.Timestamp {
        clocks[field] ?? hlc
    }

    /// Identifies the change everywhere: a node makes at most one change to a record per timestamp.
    public var changeID: String { "\(id.storedText)@\(hlc.text)" }

    enum CodingKeys: String, CodingKey { case entity, id, hlc, actor, fields, clocks, bases }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entity, forKey: .entity)
        try container.encode(id.storedText, forKey: .id)
        try container.encode(hlc, forKey: .hlc)
        try container.encode(actor, forKey: .actor)
        // Encoded by hand so a cleared field is written as `null` rather than left out.
        var fieldsContainer = container.nestedContainer(keyedBy: FieldKey.self, forKey: .fields)
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            try fieldsContainer.encode(value, forKey: FieldKey(name))
        }
        if !clocks.isEmpty {
            try container.encode(clocks, forKey: .clocks)
        }
        if !bases.isEmpty {
            try container.encode(bases, forKey: .bases)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        entity = try container.decode(SyncEntity.self, forKey: .entity)
        let idText = try container.decode(String.self, forKey: .id)
        guard let id = UUID(storedText: idText) ?? UUID(uuidString: idText) else {
            throw DecodingError.dataCorruptedError(forKey: .id, in: container, debugDescription: "not a UUID")
        }
        self.id = id
        hlc = try container.decode(HybridClock.Timestamp.self, forKey: .hlc)
        actor = try container.decode(String.self, forKey: .actor)
        let fieldsContainer = try container.nestedContainer(keyedBy: FieldKey.self, forKey: .fields)
        var fields: [String: String?] = [:]
        for key in fieldsContainer.allKeys {
            fields[key.stringValue] = try fieldsContainer.decodeIfPresent(String.self, forKey: key)
        }
        self.fields = fields
        clocks = try container.decodeIfPresent([String: HybridClock.Timestamp].self, forKey: .clocks) ?? [:]
        bases = try container.decodeIfPresent([String: HybridClock.Timestamp].self, forKey: .bases) ?? [:]
    }

    struct FieldKey: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}

/// The body of `POST /v1/changes`.
public struct PushBatch: Codable, Sendable, Equatable {
    public var changes: [SyncChange]
    public init(changes: [SyncChange]) { self.changes = changes }
}

/// What the hub did with one pushed change.
public struct ChangeResult: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        /// At least one field of the change is now the hub's value.
        case applied
        /// Every field already had a newer value at the hub; the change is kept as a conflict loser.
        case superseded
        /// The change cannot be applied; `reason` says why. The client quarantines it.
        case rejected
    }

    public var changeID: String
    public var result: Outcome
    public var reason: String?

    public init(changeID: String, result: Outcome, reason: String? = nil) {
        self.changeID = changeID
        self.result = result
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case changeID = "change_id", result, reason
    }
}

/// The answer to a push: one result per change, in the batch's order.
public struct PushAnswer: Codable, Sendable, Equatable {
    public var results: [ChangeResult]
    public init(results: [ChangeResult]) { self.results = results }
}

/// One page of `GET /v1/changes`.
public struct PullPage: Codable, Sendable, Equatable {
    public var changes: [SyncChange]
    /// Where the next page starts; opaque to the client.
    public var cursor: String
    /// Whether more changes wait after this page.
    public var more: Bool

    public init(changes: [SyncChange], cursor: String, more: Bool) {
        self.changes = changes
        self.cursor = cursor
        self.more = more
    }
}
