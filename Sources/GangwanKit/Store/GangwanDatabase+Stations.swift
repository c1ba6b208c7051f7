import Foundation
import GRDB

extension GangwanDatabase {
    /// Registers a new station from typed-in fields and returns it.
    public func addStation(_ fields: StationFields, crs: CoordinateSystem, actor: String, now: Date = Date()) throws -> Station {
        let station = try fields.makeStation(crs: crs, regions: regions, actor: actor, now: now)
        return try writer.write { db in
            try checkCodeIsFree(db, station)
            try station.insert(db)
            try ChangeLog(db, actor: actor, now: now).created(db, .station, id: station.id, region: station.region)
            try Self.audit(db, "station.add", subject: "station/\(station.id.storedText)", detail: station.changes(from: nil), actor: actor, at: now)
            return station
        }
    }

    /// The station with this id or code, removed ones included.
    public func station(_ ref: String) throws -> Station {
        try writer.read { db in try findStation(db, ref, includingRemoved: true) }
    }

    /// Changes the fields given and nothing else.
    public func updateStation(_ ref: String, _ fields: StationFields, crs: CoordinateSystem, actor: String, now: Date = Date()) throws -> Station {
        try modifyStation(ref, "station.update", actor: actor, now: now) { station in
            try fields.apply(to: &station, crs: crs, regions: regions)
        }
    }

    /// Records that somebody confirmed the station's record is true today.
    public func verifyStation(_ ref: String, actor: String, now: Date = Date()) throws -> Station {
        try modifyStation(ref, "station.verify", actor: actor, now: now) { $0.verifiedOn = ShanghaiTime.day(of: now) }
    }

    /// Opens, suspends or closes a station, with an optional reason. A new status without a reason
    /// drops the old one's; the same status again without one keeps it (suspending a suspended
    /// station changes nothing).
    public func setStationStatus(_ ref: String, _ status: StationStatus, reason: String?, actor: String, now: Date = Date()) throws -> Station {
        let reason = try reason.flatMap { text throws(FieldError) in
            try FieldText.optional(text, field: "reason", maxLength: 200)
        }
        return try modifyStation(ref, "station.status", actor: actor, now: now) { station in
            if reason != nil || station.status != status { station.statusReason = reason }
            station.status = status
        }
    }

    /// Removes a station: it leaves every listing, but its tombstone stays for sync.
    public func removeStation(_ ref: String, actor: String, now: Date = Date()) throws -> Station {
        try modifyStation(ref, "station.remove", actor: actor, now: now) { $0.removedAt = now }
    }

    /// Stations matching the filter, by region and name.
    public func stations(_ filter: StationFilter = StationFilter()) throws -> [Station] {
        try writer.read { db in try filter.request(now: Date()).fetchAll(db) }
    }

    /// Applies `change` to a live station, stamps it, saves it and audits it as `action`, in one transaction.
    private func modifyStation(_ ref: String, _ action: String, actor: String, now: Date, _ change: (inout Station) throws -> Void) throws -> Station {
        try writer.write { db in
            let old = try findStation(db, ref, includingRemoved: false)
            var station = old
            try change(&station)
            guard station != old else { return old }
            station.updatedAt = now
            station.actor = actor
            try save(db, station)
            try ChangeLog(db, actor: actor, now: now).changed(db, from: old, to: station)
            try Self.audit(db, action, subject: "station/\(station.id.storedText)", detail: station.changes(from: old), actor: actor, at: now)
            return station
        }
    }

    /// Overwrites the stored row of `station` (matched by id).
    func save(_ db: Database, _ station: Station) throws {
        try checkCodeIsFree(db, station)
        let assignments = try station.databaseDictionary.map { Column($0.key).set(to: $0.value) }
        try Station.filter(Station.Columns.id == station.id.storedText).updateAll(db, assignments)
    }

    func findStation(_ db: Database, _ ref: String, includingRemoved: Bool) throws -> Station {
        let key = ref.trimmed
        var request = Station.filter(Station.Columns.code == key || Station.Columns.id == key.lowercased())
        if !includingRemoved {
            request = request.filter(Station.Columns.removedAt == nil)
        }
        guard let station = try request.fetchOne(db) else { throw StoreError.stationNotFound(key) }
        return station
    }

    func checkCodeIsFree(_ db: Database, _ station: Station) throws {
        guard let code = station.code else { return }
        let owner = try String.fetchOne(
            db, sql: "SELECT id FROM station WHERE code = ? AND id <> ?",
            arguments: [code, station.id.storedText])
        if let owner, let existing = UUID(uuidString: owner) {
            throw StoreError.duplicateCode(code, existing: existing)
        }
    }
}
