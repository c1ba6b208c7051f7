import Foundation
import GRDB

extension GangwanDatabase {
    /// Registers a worker; an ID number registered already is refused with the existing worker's id.
    public func addWorker(_ fields: WorkerFields, key: PersonalDataKey, actor: String, now: Date = Date()) throws -> Worker {
        let worker = try fields.makeWorker(regions: regions, actor: actor, now: now)
        return try writer.write { db in
            try Self.claim(db, key)
            try checkUnique(db, worker, key)
            try Self.saveWorker(db, worker, key: key)
            try ChangeLog(db, actor: actor, now: now).created(db, .worker, id: worker.id, region: worker.region)
            try Self.audit(db, "worker.add", subject: "worker/\(worker.id.storedText)", detail: Self.changes(from: nil, to: worker), actor: actor, at: now)
            return worker
        }
    }

    /// The worker with this id (or unique id prefix), personal data opened with `key`.
    public func worker(_ ref: String, key: PersonalDataKey) throws -> Worker {
        try writer.read { db in try findWorker(db, ref, key) }
    }

    /// The worker, with a `worker.reveal` audit entry written before the full values are shown.
    public func revealWorker(_ ref: String, key: PersonalDataKey, actor: String, now: Date = Date()) throws -> Worker {
        try writer.write { db in
            let worker = try findWorker(db, ref, key)
            var revealed: [(String, String)] = []
            if worker.idNumber != nil { revealed.append(("id_number", "(revealed)")) }
            if worker.phone != nil { revealed.append(("phone", "(revealed)")) }
            try Self.audit(db, "worker.reveal", subject: "worker/\(worker.id.storedText)", detail: revealed, actor: actor, at: now)
            return worker
        }
    }

    /// Changes the fields given and nothing else.
    public func updateWorker(_ ref: String, _ fields: WorkerFields, key: PersonalDataKey, actor: String, now: Date = Date()) throws -> Worker {
        try writer.write { db in
            try Self.claim(db, key)
            let old = try findWorker(db, ref, key)
            var worker = old
            try fields.apply(to: &worker, regions: regions, now: now)
            guard worker != old else { return old }
            worker.updatedAt = now
            worker.actor = actor
            try checkUnique(db, worker, key)
            try Self.saveWorker(db, worker, key: key)
            let changes = try ChangeLog(db, actor: actor, now: now)
            try changes.changed(db, from: old, to: worker)
            if old.region == nil, let region = worker.region {
                try Self.giveRegion(region, toCasesOf: worker, db, changes: changes, actor: actor, now: now)
            }
            try Self.audit(db, "worker.update", subject: "worker/\(worker.id.storedText)", detail: Self.changes(from: old, to: worker), actor: actor, at: now)
            return worker
        }
    }

    /// Gives a worker's new region to the worker's cases that have none (a case takes its worker's
    /// region when opened): until then the hub could place them in no office's scope, so they and
    /// their events waited in the outbox (see ``awaitingRegion``). Events already recorded keep the
    /// region their case had then, as events never change; the hub files them under the case's.
    private static func giveRegion(
        _ region: String, toCasesOf worker: Worker, _ db: Database, changes: ChangeLog, actor: String, now: Date
    ) throws {
        let cases = try SupportCase.fetchAll(db, sql: "SELECT * FROM support_case WHERE worker_id = ? AND region IS NULL", arguments: [worker.id.storedText])
        for old in cases {
            var supportCase = old
            supportCase.region = region
            supportCase.updatedAt = now
            supportCase.actor = actor
            try supportCase.save(db)
            try changes.changed(db, from: old, to: supportCase)
        }
    }

    /// Workers matching the filter, by name, personal data opened with `key`.
    public func workers(_ filter: WorkerFilter = WorkerFilter(), key: PersonalDataKey) throws -> [Worker] {
        try writer.read { db in try filter.request(key: key).fetchAll(db).map { try Worker(row: $0, key: key) } }
    }

    func findWorker(_ db: Database, _ ref: String, _ key: PersonalDataKey) throws -> Worker {
        let id = try Self.resolve(db, table: "worker", noun: "worker", ref: ref)
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM worker WHERE id = ?", arguments: [id]) else {
            throw CaseworkError.notFound("worker", ref: ref)
        }
        return try Worker(row: row, key: key)
    }

    private func checkUnique(_ db: Database, _ worker: Worker, _ key: PersonalDataKey) throws {
        guard let idNumber = worker.idNumber else { return }
        let owner = try String.fetchOne(
            db, sql: "SELECT id FROM worker WHERE id_number_index = ? AND id <> ?",
            arguments: [key.blindIndex(idNumber.value, field: "id_number"), worker.id.storedText])
        if let owner, let existing = UUID(storedText: owner) {
            throw CaseworkError.duplicateWorker(existing: existing)
        }
    }

    static func saveWorker(_ db: Database, _ worker: Worker, key: PersonalDataKey) throws {
        try db.cachedStatement(sql: Worker.upsert).execute(arguments: StatementArguments(worker.databaseValues(key: key)))
    }

    /// What an add or update changed, for the audit trail; personal data only as `(changed)`.
    static func changes(from old: Worker?, to new: Worker) -> [(String, String)] {
        let fields: [(String, (Worker) -> String?)] = [
            ("name", \.name), ("group", { $0.group.rawValue }), ("region", \.region), ("employer", \.employer),
            ("consent_date", \.consentDate), ("occupation", { $0.occupation?.rawValue }), ("platform", \.platform),
            ("relationship", { $0.relationship?.rawValue }), ("hardship_category", { $0.hardshipCategory?.rawValue }),
            ("hardship_cause", { $0.hardshipCause?.rawValue }), ("hukou_region", \.hukouRegion),
        ]
        var changed = fields.compactMap { name, value -> (String, String)? in
            let after = value(new)
            guard let old else { return after.map { (name, $0) } }
            return value(old) == after ? nil : (name, after ?? "")
        }
        if old?.idNumber != new.idNumber { changed.append(("id_number", "(changed)")) }
        if old?.phone != new.phone { changed.append(("phone", "(changed)")) }
        return changed
    }
}
