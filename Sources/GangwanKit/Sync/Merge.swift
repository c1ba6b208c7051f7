import Foundation
import GRDB

/// What merging one received change did.
struct MergeOutcome {
    var result: ChangeResult.Outcome
    var reason: String?
    /// The fields this change now holds the value of ("*" for a whole new record or event): what the
    /// hub's feed passes on. Empty when nothing changed.
    var won: [String] = []
    /// The record's region after the merge.
    var region: String?
    /// The record's region before the merge, when the merge moved it to another.
    var leftRegion: String?
    /// The values the merge replaced, by field: those of the fields whose value it changed.
    var replaced: [String: String?] = [:]
    /// Same-field edits this merge found and recorded.
    var conflicts = 0

    static func rejected(_ rejection: SyncRejection) -> MergeOutcome {
        MergeOutcome(result: .rejected, reason: rejection.reason)
    }
}

/// Applies received changes: records field by field by hybrid clock, events as a union.
///
/// Every node and the hub merge with this one code, so they reach the same state whatever order
/// changes arrive in. Call it inside a savepoint: a rejected change leaves nothing behind.
enum Merge {
    /// Whether a sender may make a change touching these regions (a record's before and after the
    /// change, an event's case's); the hub passes its token's scope, an office pulling nothing.
    typealias Admission = ([String?]) -> Bool

    /// `newStation` is the station the change creates, built beforehand (see ``NewStations``), if it does.
    static func apply(
        _ db: Database, _ change: SyncChange, context: MergeContext, newStation: NewStations.Built? = nil, admits: Admission? = nil
    ) throws -> MergeOutcome {
        do {
            _ = try FieldText.actor(change.actor)
            // Spelled out rather than through `recordType`: each merge is then its own specialised
            // code, and this runs for every change of every push and pull.
            switch change.entity {
            case .station:
                return try inserted(db, change, newStation, admits) ?? record(db, change, Station.self, context, admits, built: newStation?.station)
            case .worker: return try record(db, change, Worker.self, context, admits, built: nil)
            case .case:
                // The worker a case is about must be one the sender may see: else an office could
                // tie its case to another region's worker, whose office would never see the case.
                if let admits, let worker = change.fields["worker_id"] ?? nil, !admits(try workerRegions(db, worker)) {
                    throw SyncRejection.outOfScope
                }
                return try record(db, change, SupportCase.self, context, admits, built: nil)
            case .event:
                if let admits, !admits(try regions(db, change)) { throw SyncRejection.outOfScope }
                return try event(db, change, context, admits: admits)
            }
        } catch let rejection as SyncRejection {
            return .rejected(rejection)
        } catch let error as FieldError {
            return .rejected(.invalid(error))
        } catch StoreError.duplicateCode(let code, let existing) {
            return .rejected(.conflictingRecord("code: \(code) already belongs to station \(existing.storedText)"))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            return .rejected(.conflictingRecord("a record like it exists already (\(error.message ?? "constraint"))"))
        }
    }

    /// The regions a change is judged by, before merging: the record's region as it is here
    /// (`current`, looked up once with the record) and the region the change moves it to (`nil` for
    /// a new record without one). None for a change to a record unknown here, which the merge then
    /// refuses.
    private static func regions(_ change: SyncChange, current: String??) -> [String?] {
        var regions: [String?] = current.map { [$0] } ?? []
        if let moved = change.fields["region"] {
            regions.append(moved)
        } else if regions.isEmpty, change.isCreation {
            regions.append(nil)
        }
        return regions
    }

    /// A worker's region, or none when the worker is unknown here (the merge then refuses the case).
    private static func workerRegions(_ db: Database, _ id: String) throws -> [String?] {
        let statement = try db.cachedStatement(sql: "SELECT region FROM worker WHERE id = ?")
        guard let worker = try Row.fetchOne(statement, arguments: [id]) else { return [] }
        return [worker["region"]]
    }

    /// An event's regions: its case's, or none when the case is unknown here.
    private static func regions(_ db: Database, _ change: SyncChange) throws -> [String?] {
        let caseID = (change.fields["case_id"] ?? nil) ?? ""
        let statement = try db.cachedStatement(sql: "SELECT region FROM support_case WHERE id = ?")
        guard let owner = try Row.fetchOne(statement, arguments: [caseID]) else { return [] }
        return [owner["region"]]
    }

    private static func record<Record: SyncedRecord>(
        _ db: Database, _ change: SyncChange, _: Record.Type, _ context: MergeContext, _ admits: Admission?, built: Record?
    ) throws -> MergeOutcome {
        let loaded = try Record.load(db, id: change.id, context: context)
        if let admits, !admits(regions(change, current: loaded.map { $0.record.syncRegion })) {
            throw SyncRejection.outOfScope
        }
        if let unknown = change.fields.keys.first(where: { !Record.knownFieldNames.contains($0) }) {
            throw SyncRejection.invalid(FieldError(field: unknown, value: "", reason: "is not a field of a \(Record.entity.rawValue)"))
        }
        guard let (existing, stored) = loaded else {
            // Only a record's first change carries all its fields; a later one alone cannot make it.
            guard change.isCreation else {
                throw SyncRejection.unknownRecord("\(Record.entity.rawValue) \(change.id.storedText)")
            }
            let created = try built
                ?? Record.merging(change.fields, into: nil, id: change.id, actor: change.actor, context: context)
            try created.save(db, clocks: FieldClocks(creation: change), context: context)
            return MergeOutcome(result: .applied, won: ["*"], region: created.syncRegion)
        }
        var clocks = stored
        let current = existing.syncFields
        var winners: [String: String?] = [:]
        var conflicts = 0
        var lost = false
        for (field, value) in change.fields {
            let incoming = change.clock(of: field)
            let localValue = current[field] ?? nil
            guard let local = clocks[field], incoming <= local else {
                winners[field] = value
                // A conflict only if the incoming writer had not seen the value it replaces here.
                if let local = clocks[field], localValue != value, let base = change.bases[field], base < local {
                    conflicts += try recordConflict(db, Record.entity, change.id, field, kept: (value, incoming), lost: (localValue, local, existing.actor))
                }
                continue
            }
            // Older than the value here: it loses; a conflict only if the writer here had not seen it.
            guard incoming < local else { continue }
            lost = true
            if localValue != value, let base = clocks.base(of: field), base < incoming {
                conflicts += try recordConflict(db, Record.entity, change.id, field, kept: (localValue, local), lost: (value, incoming, change.actor))
            }
        }
        guard !winners.isEmpty else {
            return MergeOutcome(result: lost ? .superseded : .applied, region: existing.syncRegion, conflicts: conflicts)
        }
        for field in winners.keys { clocks.set(field, to: change.clock(of: field), base: change.bases[field]) }
        let changedValues = winners.filter { (current[$0.key] ?? nil) != $0.value }
        let merged = changedValues.isEmpty
            ? existing : try Record.merging(changedValues, into: existing, id: change.id, actor: change.actor, context: context)
        if changedValues.isEmpty {
            try setClocks(db, Record.entity, change.id, clocks)
        } else {
            try merged.save(db, clocks: clocks, context: context)
        }
        // A record moved to another region travels whole: that region's offices have never seen it.
        let moved = merged.syncRegion != existing.syncRegion
        return MergeOutcome(
            result: .applied, won: moved ? ["*"] : winners.keys.sorted(), region: merged.syncRegion,
            leftRegion: moved ? existing.syncRegion : nil,
            replaced: Dictionary(uniqueKeysWithValues: changedValues.keys.map { ($0, current[$0] ?? nil) }), conflicts: conflicts)
    }

    /// A station a batch creates, built beforehand (see ``NewStations``), inserted without looking
    /// its id up first: the insert finds out, and does nothing, when a station with its id or code
    /// exists; `nil` then, and the change is merged as any other. A push or pull of new stations
    /// spent a fifth of its merge on those lookups.
    private static func inserted(_ db: Database, _ change: SyncChange, _ built: NewStations.Built?, _ admits: Admission?) throws -> MergeOutcome? {
        guard let built else { return nil }
        // The regions it would have were it unknown here; were it known, they would include these.
        if let admits, !admits(regions(change, current: nil)) { throw SyncRejection.outOfScope }
        guard try Station.insertIfNew(db, built.row) else { return nil }
        return MergeOutcome(result: .applied, won: ["*"], region: built.station.region)
    }

    /// Undoes, here, a change the hub refused: each field it wrote that nothing has written since
    /// takes the value and clock of `held`, the record as the hub holds it. Nothing goes to the
    /// outbox: the hub holds these values already.
    static func restore(_ db: Database, refused change: SyncChange, to held: SyncChange, context: MergeContext) throws {
        guard let type = change.entity.recordType else { return }
        try restore(db, change, held, type, context)
    }

    private static func restore<Record: SyncedRecord>(
        _ db: Database, _ change: SyncChange, _ held: SyncChange, _: Record.Type, _ context: MergeContext
    ) throws {
        guard held.entity == change.entity, held.id == change.id,
            let (existing, stored) = try Record.load(db, id: change.id, context: context)
        else { return }
        var clocks = stored
        var values: [String: String?] = [:]
        for field in change.fields.keys where stored[field] == change.clock(of: field) {
            guard let value = held.fields[field] else { continue }
            values[field] = value
            clocks.set(field, to: held.clock(of: field), base: held.bases[field])
        }
        guard !values.isEmpty else { return }
        try Record.merging(values, into: existing, id: change.id, actor: held.actor, context: context).save(db, clocks: clocks, context: context)
    }

    /// Stores a record's field clocks, its values unchanged.
    static func setClocks(_ db: Database, _ entity: SyncEntity, _ id: UUID, _ clocks: FieldClocks) throws {
        try db.cachedStatement(sql: "UPDATE \(entity.table!) SET clock = ? WHERE id = ?").execute(arguments: [clocks.text, id.storedText])
    }

    /// Keeps a losing same-field edit where `sync conflicts` shows it; personal data only masked.
    private static func recordConflict(
        _ db: Database, _ entity: SyncEntity, _ id: UUID, _ field: String,
        kept: (String?, HybridClock.Timestamp), lost: (String?, HybridClock.Timestamp, String)
    ) throws -> Int {
        func shown(_ value: String?) -> String? {
            switch field {
            case "id_number": value.map { IDNumber(trusted: $0).masked }
            case "phone" where entity == .worker: value.map { PhoneNumber(trusted: $0).masked }
            default: value
            }
        }
        try db.execute(sql: """
            INSERT OR IGNORE INTO conflict (entity, record_id, field, kept_value, kept_hlc, lost_value, lost_hlc, lost_actor, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                entity.rawValue, id.storedText, field, shown(kept.0), kept.1.text, shown(lost.0), lost.1.text, lost.2,
                DatabaseTimestamp.text(Date()),
            ])
        return db.changesCount
    }

    /// An event is corrected once, by the first correction the hub takes. The hub refuses a later
    /// one. An office receives from the hub only corrections the hub took, so a rival logged here
    /// is one the hub refused or will refuse: it is withdrawn (see ``WithdrawnEvents``) and the
    /// received one takes its place.
    private static func keepFirstCorrection(
        _ db: Database, of corrected: String, rival: CaseEvent, over event: CaseEvent, _ context: MergeContext, onHub: Bool
    ) throws {
        guard !onHub, let withdrawn = try WithdrawnEvents.unacknowledgedChange(db, rival) else {
            throw SyncRejection.alreadyCorrected(event: corrected, by: rival.id.storedText)
        }
        let reason = SyncRejection.alreadyCorrected(event: corrected, by: event.id.storedText).reason + "; " + WithdrawnEvents.note
        try WithdrawnEvents.withdraw(db, rival.id.storedText, reason: reason, now: context.now)
        try GangwanDatabase.quarantine(db, withdrawn, direction: "push", reason: reason, now: context.now)
    }

    /// An event joins its case's history once, whoever sends it and however often.
    private static func event(_ db: Database, _ change: SyncChange, _ context: MergeContext, admits: Admission?) throws -> MergeOutcome {
        if let unknown = change.fields.keys.first(where: { !CaseEvent.knownFieldNames.contains($0) }) {
            throw SyncRejection.invalid(FieldError(field: unknown, value: "", reason: "is not a field of an event"))
        }
        let stored = try db.cachedStatement(sql: "SELECT * FROM case_event WHERE id = ?")
        if let row = try Row.fetchOne(stored, arguments: [change.id.storedText]) {
            // Events never change: the same one again is nothing new, another under its id is refused.
            let held = try CaseEvent(row: row).syncFields
            guard CaseEvent.syncFieldNames.allSatisfy({ (change.fields[$0] ?? nil) == (held[$0] ?? nil) }) else {
                throw SyncRejection.conflictingRecord("event \(change.id.storedText) exists with other content; events never change")
            }
            return MergeOutcome(result: .applied, region: row["case_region"])
        }
        let event = try CaseEvent(syncFields: change.fields, id: change.id, actor: change.actor, db: db)
        if let corrected = event.corrects, let rival = try CorrectedEvent.correction(of: corrected.storedText, db) {
            try keepFirstCorrection(db, of: corrected.storedText, rival: rival, over: event, context, onHub: admits != nil)
        }
        try event.insert(db)
        try event.moveCaseTotals(db, by: event.deltaFen)
        return MergeOutcome(result: .applied, won: ["*"], region: event.caseRegion)
    }
}

extension SyncChange {
    /// Whether the change carries a whole new record: only a record's first change has its creation time.
    var isCreation: Bool {
        fields["created_at"] != nil || fields["opened_at"] != nil
    }
}

extension CaseEvent {
    static let syncFieldNames = ["case_id", "kind", "at", "recorded_at", "text", "amount_fen", "corrects", "delta_fen"]
    static let knownFieldNames = Set(syncFieldNames)

    /// The whole event: events never change, so every change of one carries all of it.
    var syncFields: [String: String?] {
        [
            "case_id": caseID.storedText, "kind": kind.rawValue, "at": DatabaseTimestamp.text(at),
            "recorded_at": DatabaseTimestamp.text(recordedAt), "text": text, "amount_fen": amountFen.map(String.init),
            "corrects": corrects?.storedText, "delta_fen": String(deltaFen),
        ]
    }

    /// A received event, checked, with its case's type and region from the case here. Its amount
    /// is bounded as when typed, and its change to the case's total (`delta_fen`) must be the
    /// amount less that of the event it corrects, as the office that logged it worked it out:
    /// the totals are added up from these on every node.
    init(syncFields fields: [String: String?], id: UUID, actor: String, db: Database) throws {
        try SyncText.required(fields, ["case_id", "kind", "at", "recorded_at", "text", "delta_fen"])
        let caseID = try SyncText.uuid(fields["case_id"] ?? nil, field: "case_id")!
        let caseFacts = try db.cachedStatement(sql: "SELECT type, region FROM support_case WHERE id = ?")
        guard let owner = try Row.fetchOne(caseFacts, arguments: [caseID.storedText]) else {
            throw SyncRejection.unknownRecord("case \(caseID.storedText)")
        }
        let kind = try CaseEventKind.parse((fields["kind"] ?? nil) ?? "")
        let amountFen = try SyncText.amount(fields["amount_fen"] ?? nil, field: "amount_fen")
        let corrects = try SyncText.uuid(fields["corrects"] ?? nil, field: "corrects")
        var expectedDelta = amountFen ?? 0
        if let corrects {
            guard let original = try CorrectedEvent.load(db, id: corrects.storedText) else {
                throw SyncRejection.unknownRecord("event \(corrects.storedText)")
            }
            guard original.mayBeCorrected(onCase: caseID, by: kind) else {
                throw FieldError(field: "corrects", value: corrects.storedText, reason: "is an event of another case or of another kind")
            }
            expectedDelta = original.delta(of: amountFen)
        }
        let deltaFen = try SyncText.fen(fields["delta_fen"] ?? nil, field: "delta_fen") ?? 0
        guard deltaFen == expectedDelta else {
            throw FieldError(field: "delta_fen", value: String(deltaFen), reason: "is not the amount less the amount of the event it corrects")
        }
        self.init(
            id: id, caseID: caseID, caseType: CaseType(rawValue: owner["type"]) ?? .other, caseRegion: owner["region"], kind: kind,
            at: try SyncText.requiredTimestamp(fields["at"] ?? nil, field: "at"),
            recordedAt: try SyncText.requiredTimestamp(fields["recorded_at"] ?? nil, field: "recorded_at"),
            actor: actor, text: try FieldText.required((fields["text"] ?? nil) ?? "", field: "text", maxLength: 2000),
            amountFen: amountFen, corrects: corrects, deltaFen: deltaFen)
    }
}
