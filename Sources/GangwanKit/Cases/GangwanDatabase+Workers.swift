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
            try Self.audit(db, "worker.update", subject: "worker/\(worker.id.storedText)", detail: Self.changes(from: old, to: worker), actor: actor, at: now)
            return worker
        }
    }

    /// Workers matching the filter, by name.
    public func workers(_ filter: WorkerFilter = WorkerFilter(), key: PersonalDataKey) throws -> [Worker] {
        var sql = "SELECT * FROM worker WHERE 1"
        var arguments: StatementArguments = []
        if let group = filter.group {
            sql += " AND worker_group = ?"
            arguments += [group.rawValue]
        }
        if let prefix = filter.regionPrefix {
            sql += " AND region LIKE ? ESCAPE '\\'"
            arguments += [prefix + "%"]
        }
        if let name = filter.name {
            sql += " AND instr(name, ?) > 0"
            arguments += [name.trimmed]
        }
        return try writer.read { db in
            try Row.fetchAll(db, sql: sql + " ORDER BY name, id", arguments: arguments).map { try Worker(row: $0, key: key) }
        }
    }

    /// Workers with exactly this ID number or phone, found through the blind index.
    public func findWorkers(idNumber: IDNumber? = nil, phone: PhoneNumber? = nil, key: PersonalDataKey) throws -> [Worker] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let idNumber {
            conditions.append("id_number_index = ?")
            arguments += [key.blindIndex(idNumber.value, field: "id_number")]
        }
        if let phone {
            conditions.append("phone_index = ?")
            arguments += [key.blindIndex(phone.value, field: "phone")]
        }
        guard !conditions.isEmpty else { return [] }
        let sql = "SELECT * FROM worker WHERE " + conditions.joined(separator: " AND ") + " ORDER BY name, id"
        return try writer.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map { try Worker(row: $0, key: key) } }
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
        let values = worker.databaseValues(key: key)
        let columns = values.keys.sorted()
        let updates = columns.filter { $0 != "id" }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try db.execute(
            sql: "INSERT INTO worker (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
                + " ON CONFLICT (id) DO UPDATE SET \(updates)",
            arguments: StatementArguments(columns.map { values[$0]! }))
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

    /// The full id of the record whose id is `ref` or starts with it (at least 6 characters).
    static func resolve(_ db: Database, table: String, noun: String, ref: String) throws -> String {
        let key = ref.trimmed.lowercased()
        let bytes = key.utf8
        guard bytes.count >= 6, bytes.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) || $0 == 45 }) else {
            throw CaseworkError.notFound(noun, ref: ref.trimmed)
        }
        if bytes.count == 36 {
            guard UUID(storedText: key) != nil else { throw CaseworkError.notFound(noun, ref: ref.trimmed) }
            return key
        }
        let ids = try String.fetchAll(db, sql: "SELECT id FROM \(table) WHERE id >= ? AND id < ? LIMIT 2", arguments: [key, key + "~"])
        switch ids.count {
        case 0: throw CaseworkError.notFound(noun, ref: ref.trimmed)
        case 1: return ids[0]
        default: throw CaseworkError.ambiguous(noun, ref: ref.trimmed)
        }
    }
}
