import Foundation
import GRDB

/// What merging a received change needs besides the database.
struct MergeContext {
    var regions: RegionTable
    /// Seals and opens workers' personal data.
    var key: PersonalDataKey
    var now: Date
}

/// A record that syncs field by field: stations, workers and cases.
///
/// `syncFields` is the record in its canonical text form, the same on every node; `merging` is the
/// one way a received change becomes a record, checked as typed-in fields are.
protocol SyncedRecord {
    static var entity: SyncEntity { get }
    /// Every field `syncFields` holds.
    static var syncFieldNames: [String] { get }
    /// The same names as a set, made once: a merge checks every received field against them.
    static var knownFieldNames: Set<String> { get }
    var id: UUID { get }
    /// Who made the record's last change.
    var actor: String { get }
    var syncFields: [String: String?] { get }
    /// The region scope decisions are made by.
    var syncRegion: String? { get }

    /// The record with this id and its field clocks, or `nil`.
    static func load(_ db: Database, id: UUID, context: MergeContext) throws -> (record: Self, clocks: FieldClocks)?
    /// The records with these ids and their field clocks, read with one query.
    static func load(_ db: Database, ids: [UUID], context: MergeContext) throws -> [UUID: (record: Self, clocks: FieldClocks)]
    /// `base` with `fields` applied (a new record when `base` is `nil`), validated.
    static func merging(_ fields: [String: String?], into base: Self?, id: UUID, actor: String, context: MergeContext) throws -> Self
    /// Inserts or updates the record with its field clocks.
    func save(_ db: Database, clocks: FieldClocks, context: MergeContext) throws
}

/// Reading canonical field text back into values, with errors that name the field.
enum SyncText {
    static func timestamp(_ text: String?, field: String) throws(FieldError) -> Date? {
        guard let text else { return nil }
        do {
            return try DatabaseTimestamp.date(text)
        } catch {
            throw FieldError(field: field, value: text, reason: "is not a timestamp like 2026-11-24T02:00:00.000Z")
        }
    }

    static func requiredTimestamp(_ text: String?, field: String) throws(FieldError) -> Date {
        guard let date = try timestamp(text, field: field) else {
            throw FieldError(field: field, value: "", reason: "is required")
        }
        return date
    }

    static func fen(_ text: String?, field: String) throws(FieldError) -> Int64? {
        guard let text else { return nil }
        guard let value = Int64(text) else { throw FieldError(field: field, value: text, reason: "is not a whole number of fen") }
        return value
    }

    /// An amount as an office may type one: 0 to 100 million yuan, in fen.
    static func amount(_ text: String?, field: String) throws(FieldError) -> Int64? {
        guard let value = try fen(text, field: field) else { return nil }
        guard (0...Money.maximumFen).contains(value) else {
            throw FieldError(field: field, value: String(value), reason: "is not an amount from 0 to 100,000,000 yuan, in fen")
        }
        return value
    }

    static func uuid(_ text: String?, field: String) throws(FieldError) -> UUID? {
        guard let text else { return nil }
        guard let value = UUID(storedText: text) else { throw FieldError(field: field, value: text, reason: "is not a UUID") }
        return value
    }

    /// `id IN (…)` over the JSON list of ids bound to it, for reading many records with one query.
    static let idInList = "id IN (SELECT value FROM json_each(?))"

    /// The JSON list of `ids` as stored, for ``idInList``.
    static func list(_ ids: [UUID]) -> String {
        JSONEachList.ids(ids.lazy.map(\.storedText))
    }

    /// Loaded records keyed by id.
    static func byID<Record: SyncedRecord>(_ loaded: some Cursor<(record: Record, clocks: FieldClocks)>) throws -> [UUID: (record: Record, clocks: FieldClocks)] {
        var records: [UUID: (record: Record, clocks: FieldClocks)] = [:]
        while let next = try loaded.next() { records[next.record.id] = next }
        return records
    }

    static func required(_ fields: [String: String?], _ names: [String]) throws(FieldError) {
        for name in names where (fields[name] ?? nil) == nil {
            throw FieldError(field: name, value: "", reason: "is required")
        }
    }
}

// MARK: - Stations

extension Station: SyncedRecord {
    static let entity = SyncEntity.station
    static let knownFieldNames = Set(syncFieldNames)
    static let syncFieldNames = [
        "code", "name", "kind", "status", "status_reason", "region", "address", "position", "services", "hours", "phone",
        "host", "seats", "verified_on", "created_at", "removed_at",
    ]

    var syncFields: [String: String?] {
        [
            "code": code, "name": name, "kind": kind.rawValue, "status": status.rawValue, "status_reason": statusReason,
            "region": region, "address": address, "position": "\(position.latitude),\(position.longitude)",
            "services": services.services.map(\.rawValue).joined(separator: ","), "hours": hours?.description,
            "phone": phone, "host": host, "seats": seats.map(String.init), "verified_on": verifiedOn,
            "created_at": DatabaseTimestamp.text(createdAt), "removed_at": removedAt.map(DatabaseTimestamp.text),
        ]
    }

    var syncRegion: String? { region }

    static func load(_ db: Database, id: UUID, context: MergeContext) throws -> (record: Station, clocks: FieldClocks)? {
        try Row.fetchOne(db.cachedStatement(sql: loadSQL + "id = ?"), arguments: [id.storedText]).map(loaded)
    }

    static func load(_ db: Database, ids: [UUID], context: MergeContext) throws -> [UUID: (record: Station, clocks: FieldClocks)] {
        try SyncText.byID(Row.fetchCursor(db.cachedStatement(sql: loadSQL + SyncText.idInList), arguments: [SyncText.list(ids)]).map(loaded))
    }

    private static func loaded(_ row: Row) throws -> (record: Station, clocks: FieldClocks) {
        (try Station(row: row), FieldClocks(text: row[selectedColumns.count]))
    }

    static func merging(_ fields: [String: String?], into base: Station?, id: UUID, actor: String, context: MergeContext) throws -> Station {
        if base == nil { try SyncText.required(fields, ["name", "kind", "status", "region", "position", "created_at"]) }
        var station = base ?? Station(
            id: id, name: "", kind: .other, region: "", position: Coordinate(unchecked: 0, 0),
            createdAt: context.now, updatedAt: context.now, actor: actor)
        var input = StationFields()
        // A cleared optional field travels as null and is typed in as an empty value.
        func text(_ name: String) -> String? { fields[name].map { $0 ?? "" } }
        input.code = text("code")
        input.name = text("name")
        input.kind = text("kind")
        input.status = text("status")
        input.region = text("region")
        input.address = text("address")
        input.services = text("services")
        input.hours = text("hours")
        input.phone = text("phone")
        input.host = text("host")
        input.seats = text("seats")
        try input.apply(to: &station, crs: .wgs84, regions: context.regions)
        if let verified = fields["verified_on"] {
            station.verifiedOn = try verified.map { day throws(FieldError) in try FieldText.day(day, field: "verified_on") } ?? nil
        }
        if let position = fields["position"] { station.position = try Self.position(position) }
        if let reason = fields["status_reason"] {
            station.statusReason = try reason.flatMap { text throws(FieldError) in try FieldText.optional(text, field: "status_reason", maxLength: 200) }
        }
        if let created = fields["created_at"] { station.createdAt = try SyncText.requiredTimestamp(created, field: "created_at") }
        if let removed = fields["removed_at"] { station.removedAt = try SyncText.timestamp(removed, field: "removed_at") }
        station.updatedAt = context.now
        station.actor = actor
        return station
    }

    func save(_ db: Database, clocks: FieldClocks, context: MergeContext) throws {
        try db.cachedStatement(sql: Self.upsert).execute(binding: databaseValues + [clocks.text.databaseValue])
    }

    /// Inserts a station's row (its ``databaseValues`` and clocks) unless one with its id or code
    /// exists; whether it did.
    static func insertIfNew(_ db: Database, _ row: BoundRow) throws -> Bool {
        try row.execute(db.cachedStatement(sql: insertIfNewSQL))
        return db.changesCount == 1
    }

    /// `lat,lon` in WGS-84, written with every digit so each node stores the same number.
    private static func position(_ text: String?) throws(FieldError) -> Coordinate {
        let parts = (text ?? "").split(separator: ",")
        guard parts.count == 2, parts.allSatisfy(Coordinate.isPlainNumber), let lat = Double(parts[0]), let lon = Double(parts[1]) else {
            throw FieldError(field: "position", value: text ?? "", reason: "is not a position like 36.6171,101.7782")
        }
        return try Coordinate(latitude: lat, longitude: lon)
    }

    /// The row and its clock in one statement: a second write of the row would cost as much again.
    private static let upsert = Upsert.sql(table: databaseTableName, columns: persistedColumns + ["clock"])
    private static let insertIfNewSQL = Upsert.insertIfNew(table: databaseTableName, columns: persistedColumns + ["clock"])
    /// The clock is read after the columns `init(row:)` reads by position.
    private static let loadSQL = "SELECT \(selectedColumns.joined(separator: ", ")), clock FROM station WHERE "
}

// MARK: - Workers

extension Worker: SyncedRecord {
    static let entity = SyncEntity.worker
    static let knownFieldNames = Set(syncFieldNames)
    static let syncFieldNames = [
        "name", "group", "id_number", "phone", "region", "employer", "consent_date", "occupation", "platform",
        "relationship", "hardship_category", "hardship_cause", "hukou_region", "created_at",
    ]

    /// Personal data in the clear: it travels inside TLS and is sealed again under the receiver's key.
    var syncFields: [String: String?] {
        [
            "name": name, "group": group.rawValue, "id_number": idNumber?.value, "phone": phone?.value, "region": region,
            "employer": employer, "consent_date": consentDate, "occupation": occupation?.rawValue, "platform": platform,
            "relationship": relationship?.rawValue, "hardship_category": hardshipCategory?.rawValue,
            "hardship_cause": hardshipCause?.rawValue, "hukou_region": hukouRegion, "created_at": DatabaseTimestamp.text(createdAt),
        ]
    }

    var syncRegion: String? { region }

    static func load(_ db: Database, id: UUID, context: MergeContext) throws -> (record: Worker, clocks: FieldClocks)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM worker WHERE id = ?"), arguments: [id.storedText]).map { row in
            try loaded(row, context)
        }
    }

    static func load(_ db: Database, ids: [UUID], context: MergeContext) throws -> [UUID: (record: Worker, clocks: FieldClocks)] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT * FROM worker WHERE " + SyncText.idInList), arguments: [SyncText.list(ids)])
        return try SyncText.byID(rows.map { row in try loaded(row, context) })
    }

    private static func loaded(_ row: Row, _ context: MergeContext) throws -> (record: Worker, clocks: FieldClocks) {
        (try Worker(row: row, key: context.key), FieldClocks(text: row["clock"]))
    }

    static func merging(_ fields: [String: String?], into base: Worker?, id: UUID, actor: String, context: MergeContext) throws -> Worker {
        if base == nil { try SyncText.required(fields, ["name", "group", "created_at"]) }
        var worker = base ?? Worker(id: id, name: "", group: .other, createdAt: context.now, updatedAt: context.now, actor: actor)
        var input = WorkerFields()
        func text(_ name: String) -> String? { fields[name].map { $0 ?? "" } }
        input.name = text("name")
        input.group = text("group")
        input.idNumber = text("id_number")
        input.phone = text("phone")
        input.region = text("region")
        input.employer = text("employer")
        input.consentDate = text("consent_date")
        input.occupation = text("occupation")
        input.platform = text("platform")
        input.relationship = text("relationship")
        input.hardshipCategory = text("hardship_category")
        input.hardshipCause = text("hardship_cause")
        input.hukouRegion = text("hukou_region")
        try input.apply(to: &worker, regions: context.regions, now: context.now)
        if let created = fields["created_at"] { worker.createdAt = try SyncText.requiredTimestamp(created, field: "created_at") }
        worker.updatedAt = context.now
        worker.actor = actor
        return worker
    }

    func save(_ db: Database, clocks: FieldClocks, context: MergeContext) throws {
        try GangwanDatabase.claim(db, context.key)
        try GangwanDatabase.saveWorker(db, self, key: context.key)
        try Merge.setClocks(db, .worker, id, clocks)
    }
}

// MARK: - Cases

extension SupportCase: SyncedRecord {
    static let entity = SyncEntity.case
    static let knownFieldNames = Set(syncFieldNames)
    /// The money totals are not fields: every node adds them up from the case's events.
    static let syncFieldNames = [
        "worker_id", "type", "status", "priority", "summary", "assignee", "office", "due", "claimed_fen", "worker_group",
        "region", "opened_at", "referred_to", "referred_at", "resolved_at", "closed_at", "settled_at",
    ]

    var syncFields: [String: String?] {
        [
            "worker_id": workerID.storedText, "type": type.rawValue, "status": status.rawValue, "priority": priority.rawValue,
            "summary": summary, "assignee": assignee, "office": office, "due": due, "claimed_fen": claimedFen.map(String.init),
            "worker_group": workerGroup.rawValue, "region": region, "opened_at": DatabaseTimestamp.text(openedAt),
            "referred_to": referredTo, "referred_at": referredAt.map(DatabaseTimestamp.text),
            "resolved_at": resolvedAt.map(DatabaseTimestamp.text), "closed_at": closedAt.map(DatabaseTimestamp.text),
            "settled_at": settledAt.map(DatabaseTimestamp.text),
        ]
    }

    var syncRegion: String? { region }

    static func load(_ db: Database, id: UUID, context: MergeContext) throws -> (record: SupportCase, clocks: FieldClocks)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM support_case WHERE id = ?"), arguments: [id.storedText]).map(loaded)
    }

    static func load(_ db: Database, ids: [UUID], context: MergeContext) throws -> [UUID: (record: SupportCase, clocks: FieldClocks)] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT * FROM support_case WHERE " + SyncText.idInList), arguments: [SyncText.list(ids)])
        return try SyncText.byID(rows.map(loaded))
    }

    private static func loaded(_ row: Row) throws -> (record: SupportCase, clocks: FieldClocks) {
        (try SupportCase(row: row), FieldClocks(text: row["clock"]))
    }

    static func merging(_ fields: [String: String?], into base: SupportCase?, id: UUID, actor: String, context: MergeContext) throws -> SupportCase {
        if base == nil {
            try SyncText.required(fields, ["worker_id", "type", "status", "priority", "summary", "due", "worker_group", "opened_at"])
        }
        var merged = base ?? SupportCase(
            id: id, workerID: id, type: .other, status: .open, priority: .normal, summary: "", due: "", assistanceFen: 0,
            recoveredFen: 0, workerGroup: .other, openedAt: context.now, updatedAt: context.now, actor: actor)
        for (name, value) in fields {
            switch name {
            case "worker_id": merged.workerID = try SyncText.uuid(value, field: name) ?? merged.workerID
            case "type": merged.type = try CaseType.parse(value ?? "")
            case "status": merged.status = try CaseStatus.parse(value ?? "")
            case "priority": merged.priority = try CasePriority.parse(value ?? "")
            case "summary": merged.summary = try FieldText.required(value ?? "", field: name, maxLength: 500)
            case "assignee": merged.assignee = try value.flatMap { text throws(FieldError) in try FieldText.optional(text, field: name, maxLength: 50) }
            case "office": merged.office = try value.flatMap { text throws(FieldError) in try FieldText.optional(text, field: name, maxLength: 100) }
            case "due": merged.due = try FieldText.day(value ?? "", field: name) ?? ""
            case "claimed_fen": merged.claimedFen = try SyncText.amount(value, field: name)
            case "worker_group": merged.workerGroup = try WorkerGroup.parse(value ?? "")
            case "region": merged.region = try value.map { code throws(FieldError) in try context.regions.validate(code: code) }
            case "opened_at": merged.openedAt = try SyncText.requiredTimestamp(value, field: name)
            case "referred_to": merged.referredTo = try value.flatMap { text throws(FieldError) in try FieldText.optional(text, field: name, maxLength: 100) }
            case "referred_at": merged.referredAt = try SyncText.timestamp(value, field: name)
            case "resolved_at": merged.resolvedAt = try SyncText.timestamp(value, field: name)
            case "closed_at": merged.closedAt = try SyncText.timestamp(value, field: name)
            case "settled_at": merged.settledAt = try SyncText.timestamp(value, field: name)
            default: throw FieldError(field: name, value: "", reason: "is not a field of a case")
            }
        }
        if merged.due.isEmpty { throw FieldError(field: "due", value: "", reason: "is required") }
        merged.updatedAt = context.now
        merged.actor = actor
        return merged
    }

    func save(_ db: Database, clocks: FieldClocks, context: MergeContext) throws {
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM worker WHERE id = ?"), arguments: [workerID.storedText]) ?? false else {
            throw SyncRejection.unknownRecord("worker \(workerID.storedText)")
        }
        try save(db)
        try Merge.setClocks(db, .case, id, clocks)
    }
}

/// Why a received change cannot be applied; the change is answered `rejected` with this reason.
enum SyncRejection: Error, Equatable {
    case unknownRecord(String)
    case invalid(FieldError)
    case outOfScope
    case conflictingRecord(String)
    /// An event that corrects one another office corrected first: the loser withdraws it.
    case alreadyCorrected(event: String, by: String)

    /// The start of an ``alreadyCorrected(event:by:)`` refusal's reason, which the office acts on.
    static let alreadyCorrectedCode = "already_corrected:"

    var reason: String {
        switch self {
        case .alreadyCorrected(let event, let by):
            "\(Self.alreadyCorrectedCode) event \(event) was already corrected by event \(by); log it again as a correction of that one if it still applies"
        case .unknownRecord(let what): "unknown_record: \(what)"
        case .invalid(let error): "invalid: \(error.field): \(error.reason)"
        case .outOfScope: "out_of_scope"
        case .conflictingRecord(let why): "invalid: \(why)"
        }
    }
}
