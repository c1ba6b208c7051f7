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
public struct SyncChange: Sendable, Equatable {
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
}

/// The body of `POST /v1/changes`.
public struct PushBatch: Sendable, Equatable {
    public var changes: [SyncChange]
    public init(changes: [SyncChange]) { self.changes = changes }

    /// Reads a batch as an office sends it.
    public init(json: some Sequence<UInt8>) throws(JSONFormatError) {
        var scanner = JSONScanner(Array(json))
        var changes: [SyncChange]?
        try JSONFormatError.reading {
            try scanner.object { scanner, key in
                guard key == "changes" else { return try scanner.skipValue() }
                changes = try SyncChange.array(&scanner)
            }
            try scanner.end()
        }
        guard let changes else { throw JSONFormatError("is missing", at: ["changes"]) }
        self.changes = changes
    }

    /// `{"changes":[…]}`, compact, keys sorted.
    public var json: [UInt8] {
        var json = JSONByteWriter(capacity: 64 + changes.count * 600)
        json.bytes.append(UInt8(ascii: "{"))
        json.key("changes")
        SyncChange.write(changes, to: &json)
        json.bytes.append(UInt8(ascii: "}"))
        return json.bytes
    }
}

/// What the hub did with one pushed change.
public struct ChangeResult: Sendable, Equatable {
    public enum Outcome: String, Sendable, CaseIterable {
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
    /// For a rejected change of a record the hub holds and the sender may read: the whole record as
    /// the hub holds it, so the sender can undo its refused edit and hold what every node holds.
    public var current: SyncChange?

    public init(changeID: String, result: Outcome, reason: String? = nil, current: SyncChange? = nil) {
        self.changeID = changeID
        self.result = result
        self.reason = reason
        self.current = current
    }
}

/// The answer to a push: one result per change, in the batch's order.
public struct PushAnswer: Sendable, Equatable {
    public var results: [ChangeResult]
    public init(results: [ChangeResult]) { self.results = results }

    /// Reads an answer as the hub sends it.
    public init(json: some Sequence<UInt8>) throws(JSONFormatError) {
        var scanner = JSONScanner(Array(json))
        var results: [ChangeResult]?
        try JSONFormatError.reading {
            try scanner.object { scanner, key in
                guard key == "results" else { return try scanner.skipValue() }
                var read: [ChangeResult] = []
                try scanner.array { scanner, _ in read.append(try ChangeResult(&scanner)) }
                results = read
            }
            try scanner.end()
        }
        guard let results else { throw JSONFormatError("is missing", at: ["results"]) }
        self.results = results
    }

    /// `{"results":[{"change_id":…,"current":{…},"reason":…,"result":…},…]}`, compact, keys sorted,
    /// `current` and `reason` left out when there are none.
    public var json: [UInt8] {
        var json = JSONByteWriter(capacity: 32 + results.count * 80)
        json.bytes.append(UInt8(ascii: "{"))
        json.key("results")
        json.bytes.append(UInt8(ascii: "["))
        for result in results {
            json.element()
            json.bytes.append(UInt8(ascii: "{"))
            json.key("change_id")
            json.string(result.changeID)
            if let current = result.current {
                json.key("current")
                current.write(to: &json)
            }
            if let reason = result.reason {
                json.key("reason")
                json.string(reason)
            }
            json.key("result")
            json.string(result.result.rawValue)
            json.bytes.append(UInt8(ascii: "}"))
        }
        json.bytes.append(UInt8(ascii: "]"))
        json.bytes.append(UInt8(ascii: "}"))
        return json.bytes
    }
}

extension PushAnswer {
    /// The answer as the hub keeps it, to answer a retried batch: sealed, as a refused change of a
    /// worker carries the worker's record back, ID number and phone included.
    public func sealed(with key: PersonalDataKey) -> Data {
        key.seal(String(decoding: json, as: UTF8.self), context: Self.sealingContext)
    }

    /// Reads an answer kept by ``sealed(with:)``.
    public init(sealed: Data, key: PersonalDataKey) throws {
        guard let text = key.open(sealed, context: Self.sealingContext) else { throw StoreError.corrupt("a recorded push answer") }
        try self.init(json: Array(text.utf8))
    }

    private static let sealingContext = "push answer"
}

extension ChangeResult {
    fileprivate init(_ scanner: inout JSONScanner) throws {
        var (changeID, result, reason): (String?, Outcome?, String?) = (nil, nil, nil)
        var current: SyncChange?
        try scanner.object { scanner, key in
            switch key {
            case "change_id": changeID = try scanner.string()
            case "current": current = try SyncChange(&scanner)
            case "reason": reason = try scanner.optionalString()
            case "result":
                let text = try scanner.string()
                guard let outcome = Outcome(rawValue: text) else {
                    throw scanner.failure("is not one of \(Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                result = outcome
            default: try scanner.skipValue()
            }
        }
        guard let changeID else { throw JSONFormatError("is missing", at: ["change_id"]) }
        guard let result else { throw JSONFormatError("is missing", at: ["result"]) }
        self.init(changeID: changeID, result: result, reason: reason, current: current)
    }
}

/// One page of `GET /v1/changes`.
public struct PullPage: Sendable, Equatable {
    /// The most changes a client may ask for in one page, and the most `gangwan sync` sends in one batch.
    public static let largestPage = 5000

    public var changes: [SyncChange]
    /// Where the next page starts; opaque to the client.
    public var cursor: String
    /// Whether more changes wait after this page.
    public var more: Bool
    /// The region prefixes the caller's token may write: the office refuses edits outside them at
    /// once instead of learning at the next push that the hub refuses them.
    public var scope: [String]?

    public init(changes: [SyncChange], cursor: String, more: Bool, scope: [String]? = nil) {
        self.changes = changes
        self.cursor = cursor
        self.more = more
        self.scope = scope
    }

    /// Reads a page as the hub sends it.
    public init(json: some Sequence<UInt8>) throws(JSONFormatError) {
        var scanner = JSONScanner(Array(json))
        var (changes, cursor, more): ([SyncChange]?, String?, Bool?) = (nil, nil, nil)
        var scope: [String]?
        try JSONFormatError.reading {
            try scanner.object { scanner, key in
                switch key {
                case "changes": changes = try SyncChange.array(&scanner)
                case "cursor": cursor = try scanner.string()
                case "more": more = try scanner.bool()
                case "scope":
                    var prefixes: [String] = []
                    try scanner.array { scanner, _ in prefixes.append(try scanner.string()) }
                    scope = prefixes
                default: try scanner.skipValue()
                }
            }
            try scanner.end()
        }
        guard let changes else { throw JSONFormatError("is missing", at: ["changes"]) }
        guard let cursor else { throw JSONFormatError("is missing", at: ["cursor"]) }
        guard let more else { throw JSONFormatError("is missing", at: ["more"]) }
        self.init(changes: changes, cursor: cursor, more: more, scope: scope)
    }

    /// `{"changes":[…],"cursor":"…","more":true,"scope":[…]}`, compact, keys sorted, `scope` left
    /// out when not given.
    public var json: [UInt8] {
        var json = JSONByteWriter(capacity: 128 + changes.count * 600)
        json.bytes.append(UInt8(ascii: "{"))
        json.key("changes")
        SyncChange.write(changes, to: &json)
        json.key("cursor")
        json.string(cursor)
        json.key("more")
        json.bool(more)
        if let scope {
            json.key("scope")
            json.strings(scope)
        }
        json.bytes.append(UInt8(ascii: "}"))
        return json.bytes
    }
}

// MARK: - JSON

extension SyncChange {
    /// `{"actor":…,"bases":{…},"clocks":{…},"entity":…,"fields":{…},"hlc":…,"id":…}`: keys sorted,
    /// `bases` and `clocks` left out when empty, a cleared field written as `null`.
    public var json: [UInt8] {
        var json = JSONByteWriter(capacity: 600)
        write(to: &json)
        return json.bytes
    }

    /// Reads one change.
    public init(json: some Sequence<UInt8>) throws(JSONFormatError) {
        var scanner = JSONScanner(Array(json))
        var change: SyncChange?
        try JSONFormatError.reading {
            change = try SyncChange(&scanner)
            try scanner.end()
        }
        self = change!
    }

    static func write(_ changes: [SyncChange], to json: inout JSONByteWriter) {
        json.bytes.append(UInt8(ascii: "["))
        for change in changes {
            json.element()
            change.write(to: &json)
        }
        json.bytes.append(UInt8(ascii: "]"))
    }

    static func array(_ scanner: inout JSONScanner) throws -> [SyncChange] {
        var changes: [SyncChange] = []
        try scanner.array { scanner, _ in changes.append(try SyncChange(&scanner)) }
        return changes
    }

    fileprivate func write(to json: inout JSONByteWriter) {
        json.bytes.append(UInt8(ascii: "{"))
        json.key("actor")
        json.string(actor)
        if !bases.isEmpty {
            json.key("bases")
            Self.write(bases, to: &json)
        }
        if !clocks.isEmpty {
            json.key("clocks")
            Self.write(clocks, to: &json)
        }
        json.key("entity")
        json.string(entity.rawValue)
        json.key("fields")
        json.bytes.append(UInt8(ascii: "{"))
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            json.key(name)
            json.string(value)
        }
        json.bytes.append(UInt8(ascii: "}"))
        json.key("hlc")
        json.string(hlc.text)
        json.key("id")
        json.string(id.storedText)
        json.bytes.append(UInt8(ascii: "}"))
    }

    private static func write(_ clocks: [String: HybridClock.Timestamp], to json: inout JSONByteWriter) {
        json.bytes.append(UInt8(ascii: "{"))
        for (name, clock) in clocks.sorted(by: { $0.key < $1.key }) {
            json.key(name)
            json.string(clock.text)
        }
        json.bytes.append(UInt8(ascii: "}"))
    }

    fileprivate init(_ scanner: inout JSONScanner) throws {
        var (entity, id, hlc, actor): (SyncEntity?, UUID?, HybridClock.Timestamp?, String?) = (nil, nil, nil, nil)
        var fields: [String: String?]?
        var clocks: [String: HybridClock.Timestamp] = [:]
        var bases: [String: HybridClock.Timestamp] = [:]
        try scanner.object { scanner, key in
            switch key {
            case "entity":
                let text = try scanner.string()
                guard let value = SyncEntity(rawValue: text) else {
                    throw scanner.failure("is not one of \(SyncEntity.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                entity = value
            case "id":
                let text = try scanner.string()
                guard let value = UUID(storedText: text) ?? UUID(uuidString: text) else { throw scanner.failure("is not a UUID") }
                id = value
            case "hlc": hlc = try Self.timestamp(&scanner)
            case "actor": actor = try scanner.string()
            case "fields":
                var values: [String: String?] = [:]
                values.reserveCapacity(20)
                try scanner.object { scanner, name in values.updateValue(try scanner.optionalString(), forKey: name) }
                fields = values
            case "clocks": clocks = try Self.timestamps(&scanner)
            case "bases": bases = try Self.timestamps(&scanner)
            default: try scanner.skipValue()
            }
        }
        guard let entity else { throw JSONFormatError("is missing", at: ["entity"]) }
        guard let id else { throw JSONFormatError("is missing", at: ["id"]) }
        guard let hlc else { throw JSONFormatError("is missing", at: ["hlc"]) }
        guard let actor else { throw JSONFormatError("is missing", at: ["actor"]) }
        guard let fields else { throw JSONFormatError("is missing", at: ["fields"]) }
        self.init(entity: entity, id: id, hlc: hlc, actor: actor, fields: fields, clocks: clocks, bases: bases)
    }

    private static func timestamps(_ scanner: inout JSONScanner) throws -> [String: HybridClock.Timestamp] {
        var clocks: [String: HybridClock.Timestamp] = [:]
        try scanner.object { scanner, name in clocks[name] = try timestamp(&scanner) }
        return clocks
    }

    private static func timestamp(_ scanner: inout JSONScanner) throws -> HybridClock.Timestamp {
        guard let clock = HybridClock.Timestamp(text: try scanner.string()) else {
            throw scanner.failure("is not a hybrid clock value like 0193a1b2c3d4-0000-00000000000000a1")
        }
        return clock
    }
}

extension JSONFormatError {
    /// Runs a scanner's work, whose errors are all of this type, with it as the thrown type.
    static func reading(_ body: () throws -> Void) throws(JSONFormatError) {
        do {
            try body()
        } catch let error as JSONFormatError {
            throw error
        } catch {
            throw JSONFormatError(String(describing: error))
        }
    }
}
