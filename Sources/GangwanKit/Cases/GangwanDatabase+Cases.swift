import Foundation
import GRDB

extension GangwanDatabase {
    /// Opens a case for a worker and returns it; a second unclosed case of one type is refused.
    public func openCase(_ opening: CaseOpening, actor: String, now: Date = Date()) throws -> SupportCase {
        let type = try CaseType.parse(opening.type)
        let summary = try FieldText.required(opening.summary, field: "summary", maxLength: 500)
        let priority = try opening.priority.map { text throws(FieldError) in try CasePriority.parse(text) } ?? type.defaultPriority
        let assignee = try opening.assignee.flatMap { text throws(FieldError) in try FieldText.optional(text, field: "assignee", maxLength: 50) }
        let office = try opening.office.flatMap { text throws(FieldError) in try FieldText.optional(text, field: "office", maxLength: 100) }
        let due = try opening.due.flatMap { text throws(FieldError) in try FieldText.day(text, field: "due") }
            ?? ShanghaiTime.day(of: now.addingTimeInterval(Double(type.defaultDueDays) * 86_400))
        let claimed = try opening.claimed.map { text throws(FieldError) in try Money.fen(fromYuan: text, field: "claimed") }
        return try writer.write { db in
            let workerID = try Self.resolve(db, table: "worker", noun: "worker", ref: opening.worker)
            guard let worker = try Row.fetchOne(db, sql: "SELECT worker_group, region FROM worker WHERE id = ?", arguments: [workerID]) else {
                throw CaseworkError.notFound("worker", ref: opening.worker.trimmed)
            }
            if !opening.allowDuplicate, let existing = try String.fetchOne(db, sql: """
                SELECT id FROM support_case WHERE worker_id = ? AND type = ? AND status <> 'closed' ORDER BY opened_at LIMIT 1
                """, arguments: [workerID, type.rawValue]) {
                throw CaseworkError.duplicateCase(existing: UUID(storedText: existing)!, type: type)
            }
            let opened = SupportCase(
                id: UUID.timeOrdered(at: now), workerID: UUID(storedText: workerID)!, type: type, status: .open, priority: priority,
                summary: summary, assignee: assignee, office: office, due: due, claimedFen: claimed, assistanceFen: 0,
                recoveredFen: 0, workerGroup: WorkerGroup(rawValue: worker["worker_group"]) ?? .other, region: worker["region"],
                openedAt: now, updatedAt: now, actor: actor)
            try opened.save(db)
            try ChangeLog(db, actor: actor, now: now).created(db, .case, id: opened.id, region: opened.region)
            var detail = [("worker", workerID), ("type", type.rawValue), ("priority", priority.rawValue), ("due", due), ("summary", summary)]
            if let claimed { detail.append(("claimed_fen", String(claimed))) }
            if let assignee { detail.append(("assignee", assignee)) }
            if let office { detail.append(("office", office)) }
            try Self.audit(db, "case.open", subject: "case/\(opened.id.storedText)", detail: detail, actor: actor, at: now)
            return opened
        }
    }

    /// Moves a case to `status`, if its current status allows; `referred` needs `to`, `reopened` a reason.
    public func setCaseStatus(_ ref: String, _ status: String, reason: String? = nil, to organisation: String? = nil,
                              actor: String, now: Date = Date()) throws -> SupportCase {
        let target = try CaseStatus.parse(status)
        let reason = try reason.flatMap { text throws(FieldError) in try FieldText.optional(text, field: "reason", maxLength: 500) }
        let organisation = try organisation.flatMap { text throws(FieldError) in try FieldText.optional(text, field: "to", maxLength: 100) }
        if target == .referred, organisation == nil {
            throw FieldError(field: "to", value: "", reason: localized(
                "is required when referring a case: the body it goes to, e.g. 劳动监察, 劳动仲裁, 法律援助中心, 人民法院",
                "转介时必须填写：转往的机构，例如 劳动监察、劳动仲裁、法律援助中心、人民法院"))
        }
        if target == .reopened, reason == nil {
            throw FieldError(field: "reason", value: "", reason: localized("is required to reopen a case", "重新立案时必须填写原因"))
        }
        return try writer.write { db in
            var supportCase = try findCase(db, ref)
            let old = supportCase
            let from = supportCase.status
            guard from.next.contains(target) else {
                throw CaseworkError.invalidTransition(from: from, to: target, allowed: from.next)
            }
            supportCase.status = target
            supportCase.updatedAt = now
            supportCase.actor = actor
            switch target {
            case .referred: (supportCase.referredTo, supportCase.referredAt) = (organisation, now)
            case .resolved: supportCase.resolvedAt = now
            case .closed: supportCase.closedAt = now
            case .reopened: supportCase.settledAt = nil
            case .open, .inProgress: break
            }
            if target.isSettled, supportCase.settledAt == nil { supportCase.settledAt = now }
            try supportCase.save(db)
            var text = "\(from.rawValue) → \(target.rawValue)"
            if let organisation { text += " (\(organisation))" }
            if let reason { text += ": \(reason)" }
            let event = CaseEvent(
                id: UUID.timeOrdered(at: now), caseID: supportCase.id, caseType: supportCase.type, caseRegion: supportCase.region, kind: .status, at: now, recordedAt: now, actor: actor, text: text,
                amountFen: nil, corrects: nil, deltaFen: 0)
            try event.insert(db)
            let changes = try ChangeLog(db, actor: actor, now: now)
            try changes.changed(db, from: old, to: supportCase)
            try changes.created(db, .event, id: event.id, region: event.caseRegion)
            var detail = [("from", from.rawValue), ("to", target.rawValue)]
            if let organisation { detail.append(("referred_to", organisation)) }
            if let reason { detail.append(("reason", reason)) }
            try Self.audit(db, "case.status", subject: "case/\(supportCase.id.storedText)", detail: detail, actor: actor, at: now)
            return supportCase
        }
    }

    /// Gives a case to a caseworker.
    public func assignCase(_ ref: String, to assignee: String, actor: String, now: Date = Date()) throws -> SupportCase {
        let assignee = try FieldText.required(assignee, field: "to", maxLength: 50)
        return try writer.write { db in
            var supportCase = try findCase(db, ref)
            let old = supportCase
            supportCase.assignee = assignee
            supportCase.updatedAt = now
            supportCase.actor = actor
            try supportCase.save(db)
            let event = CaseEvent(
                id: UUID.timeOrdered(at: now), caseID: supportCase.id, caseType: supportCase.type, caseRegion: supportCase.region, kind: .assignment, at: now, recordedAt: now, actor: actor,
                text: "\(old.assignee ?? "-") → \(assignee)", amountFen: nil, corrects: nil, deltaFen: 0)
            try event.insert(db)
            let changes = try ChangeLog(db, actor: actor, now: now)
            try changes.changed(db, from: old, to: supportCase)
            try changes.created(db, .event, id: event.id, region: event.caseRegion)
            try Self.audit(db, "case.assign", subject: "case/\(supportCase.id.storedText)", detail: [("assignee", assignee)], actor: actor, at: now)
            return supportCase
        }
    }

    /// Appends entries to case histories in one transaction: all are written, or none.
    public func logEvents(_ entries: [CaseEntry], actor: String, now: Date = Date()) throws -> [CaseEvent] {
        let drafts = try entries.map { entry throws(FieldError) in try EventDraft(entry, now: now) }
        return try writer.write { db in
            var batch = EventBatch(now: now)
            let events = try zip(entries, drafts).map { entry, draft in try logEvent(db, entry.caseRef, draft, actor: actor, batch: &batch) }
            try batch.saveTotals(db)
            let changes = try ChangeLog(db, actor: actor, now: now)
            for event in events { try changes.created(db, .event, id: event.id, region: event.caseRegion) }
            return events
        }
    }

    /// The case with this id (or unique prefix), and its history in the order it was written.
    public func caseWithHistory(_ ref: String) throws -> (SupportCase, [CaseEvent]) {
        try writer.read { db in
            let supportCase = try findCase(db, ref)
            let events = try CaseEvent.filter(Column("case_id") == supportCase.id.storedText).order(Column("seq")).fetchAll(db)
            return (supportCase, events)
        }
    }

    /// Calls `body` with each case matching the filter, newest first (overdue: most overdue first),
    /// reading as it goes so a long list starts printing at once; `body` returns `false` to stop.
    public func forEachCase(_ filter: CaseFilter, today: String, _ body: (SupportCase) throws -> Bool) throws {
        try writer.read { db in
            let cursor = try filter.request(today: today).fetchCursor(db)
            while let next = try cursor.next() {
                guard try body(next) else { return }
            }
        }
    }

    /// Every matching case, for callers that want them all.
    public func cases(_ filter: CaseFilter = CaseFilter(), today: String) throws -> [SupportCase] {
        var found: [SupportCase] = []
        try forEachCase(filter, today: today) { found.append($0); return true }
        return found
    }

    private func logEvent(_ db: Database, _ caseRef: String, _ draft: EventDraft, actor: String, batch: inout EventBatch) throws -> CaseEvent {
        let owner = try batch.facts(db, caseRef)
        if owner.status == .closed, draft.kind != .note { throw CaseworkError.caseClosed(owner.id) }
        var corrected: UUID?
        var deltaFen = draft.amountFen ?? 0
        if let ref = draft.corrects {
            let correctedID = try Self.resolve(db, table: "case_event", noun: "event", ref: ref)
            guard let original = try CorrectedEvent.load(db, id: correctedID) else { throw CaseworkError.notFound("event", ref: ref.trimmed) }
            guard original.mayBeCorrected(onCase: owner.id, by: draft.kind) else {
                throw CaseworkError.mismatchedCorrection(event: UUID(storedText: correctedID)!)
            }
            if let later = try CorrectedEvent.correction(of: correctedID, db) {
                throw CaseworkError.alreadyCorrected(event: UUID(storedText: correctedID)!, by: later.id)
            }
            corrected = UUID(storedText: correctedID)
            deltaFen = original.delta(of: draft.amountFen)
        }
        let event = CaseEvent(
            id: UUID.timeOrdered(at: batch.now), caseID: owner.id, caseType: owner.type, caseRegion: owner.region, kind: draft.kind,
            at: draft.at, recordedAt: batch.now, actor: actor, text: draft.text, amountFen: draft.amountFen, corrects: corrected,
            deltaFen: deltaFen)
        try event.insert(db, recordedAtText: batch.nowText)
        batch.add(event)
        return event
    }

    func findCase(_ db: Database, _ ref: String) throws -> SupportCase {
        let id = try Self.resolve(db, table: "support_case", noun: "case", ref: ref)
        guard let found = try SupportCase.filter(Column("id") == id).fetchOne(db) else {
            throw CaseworkError.notFound("case", ref: ref.trimmed)
        }
        return found
    }
}

/// A validated ``CaseEntry``: everything checkable without the database.
private struct EventDraft {
    var kind: CaseEventKind
    var text: String
    var amountFen: Int64?
    var at: Date
    var corrects: String?

    init(_ entry: CaseEntry, now: Date) throws(FieldError) {
        let known = CaseEventKind.byName[entry.kind.trimmed.lowercased()]
        guard let kind = known, CaseEventKind.loggable.contains(kind) else {
            let loggable = CaseEventKind.loggable.map { "\($0.rawValue) \($0.label)" }.joined(separator: ", ")
            throw FieldError(field: "kind", value: entry.kind.trimmed, reason: localized(
                (known != nil ? "is written by its own command (case status, case assign)" : "is not a kind of entry") + "; log one of: \(loggable)",
                (known != nil ? "由专门的命令记录（case status、case assign）" : "不是可记录的类型") + "；可记录：\(loggable)"))
        }
        self.kind = kind
        text = try FieldText.required(entry.text, field: "text", maxLength: 2000)
        switch (kind.carriesAmount, entry.amount) {
        case (true, nil):
            throw FieldError(field: "amount", value: "", reason: localized(
                "is required for \(kind.rawValue): the yuan given or recovered", "“\(kind.label)”必须填写金额（元）"))
        case (true, let amount?):
            amountFen = try Money.fen(fromYuan: amount)
        case (false, let amount?):
            throw FieldError(field: "amount", value: amount, reason: localized(
                "is only recorded for assistance and recovery", "仅用于帮扶和追回工资"))
        case (false, nil):
            amountFen = nil
        }
        if let typed = entry.at {
            guard let instant = ShanghaiTime.instant(from: typed.trimmed) else {
                throw FieldError(field: "at", value: typed, reason: localized(
                    "is not an ISO 8601 time like 2026-03-01T14:30 (Beijing time) or 2026-03-01T06:30:00Z",
                    "不是 ISO 8601 时间，例如 2026-03-01T14:30（北京时间）或 2026-03-01T06:30:00Z"))
            }
            // A few minutes' grace for clocks that disagree; a later time is a typing error.
            guard instant <= now.addingTimeInterval(600) else {
                throw FieldError(field: "at", value: typed, reason: localized("is in the future", "晚于当前时间"))
            }
            at = instant
        } else {
            at = now
        }
        corrects = entry.corrects
    }
}

/// What one `logEvents` transaction keeps between entries: the cases it has read, and the money to
/// add to each, written once per case at the end.
private struct EventBatch {
    /// What an entry needs to know about its case.
    struct CaseFacts {
        var id: UUID
        var status: CaseStatus
        var type: CaseType
        var region: String?
    }

    let now: Date
    let nowText: String
    private var cases: [String: CaseFacts] = [:]
    private var totals: [UUID: (assistance: Int64, recovered: Int64)] = [:]

    init(now: Date) {
        self.now = now
        nowText = DatabaseTimestamp.text(now)
    }

    /// The case an entry refers to, read once per batch: appending events never changes these facts.
    mutating func facts(_ db: Database, _ ref: String) throws -> CaseFacts {
        if let known = cases[ref] { return known }
        let id = try GangwanDatabase.resolve(db, table: "support_case", noun: "case", ref: ref)
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT status, type, region FROM support_case WHERE id = ?"), arguments: [id]),
              let uuid = UUID(storedText: id)
        else { throw CaseworkError.notFound("case", ref: ref.trimmed) }
        let facts = CaseFacts(
            id: uuid, status: CaseStatus(rawValue: row["status"]) ?? .open, type: CaseType(rawValue: row["type"]) ?? .other,
            region: row["region"])
        cases[ref] = facts
        return facts
    }

    mutating func add(_ event: CaseEvent) {
        guard event.deltaFen != 0 else { return }
        var sums = totals[event.caseID] ?? (0, 0)
        if event.kind == .assistance { sums.assistance += event.deltaFen }
        if event.kind == .recovery { sums.recovered += event.deltaFen }
        totals[event.caseID] = sums
    }

    /// Adds the batch's money to each case; only money changes the case record (each event row is
    /// itself the audit record of its entry).
    func saveTotals(_ db: Database) throws {
        let update = try db.cachedStatement(sql: """
            UPDATE support_case SET updated_at = ?, assistance_fen = assistance_fen + ?, recovered_fen = recovered_fen + ? WHERE id = ?
            """)
        for (id, sums) in totals {
            try update.execute(arguments: [nowText, sums.assistance, sums.recovered, id.storedText])
        }
    }
}
