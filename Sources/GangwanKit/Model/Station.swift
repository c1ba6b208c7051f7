import Foundation
import GRDB

/// An outdoor-worker service station (劳动者港湾, 爱心驿站, 工会驿站…).
public struct Station: Codable, Sendable, Equatable, Identifiable {
    /// The client-generated identity, stable across offices.
    public var id: UUID
    /// The federation's station number, unique when present.
    public var code: String?
    public var name: String
    public var kind: StationKind
    public var status: StationStatus
    /// Why the station was last suspended, closed or reopened.
    public var statusReason: String?
    /// The 6-digit GB/T 2260 county code.
    public var region: String
    public var address: String
    /// Where the station is, in WGS-84.
    public var position: Coordinate
    public var services: ServiceSet
    /// The opening hours; `nil` when nobody knows them.
    public var hours: OpeningHours?
    /// The host organisation (依托单位).
    public var host: String?
    /// The station's public contact number, as given.
    public var phone: String?
    public var seats: Int?
    /// The day (`YYYY-MM-DD`, Asia/Shanghai) somebody last confirmed the record is true.
    public var verifiedOn: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// Who made the last change.
    public var actor: String
    /// When the station was removed; removed stations stay as tombstones for sync.
    public var removedAt: Date?

    /// Creates a station record.
    public init(
        id: UUID = UUID(), code: String? = nil, name: String, kind: StationKind, status: StationStatus = .open,
        statusReason: String? = nil, region: String, address: String = "", position: Coordinate,
        services: ServiceSet = [], hours: OpeningHours? = nil, host: String? = nil, phone: String? = nil,
        seats: Int? = nil, verifiedOn: String? = nil, createdAt: Date, updatedAt: Date, actor: String,
        removedAt: Date? = nil
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.status = status
        self.statusReason = statusReason
        self.region = region
        self.address = address
        self.position = position
        self.services = services
        self.hours = hours
        self.host = host
        self.phone = phone
        self.seats = seats
        self.verifiedOn = verifiedOn
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.actor = actor
        self.removedAt = removedAt
    }
}

// MARK: - Database

extension Station: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "station"

    /// The columns queries filter and sort on.
    public enum Columns {
        public static let id = Column("id")
        public static let code = Column("code")
        public static let name = Column("name")
        public static let kind = Column("kind")
        public static let status = Column("status")
        public static let region = Column("region")
        public static let services = Column("services")
        public static let verifiedOn = Column("verified_on")
        public static let removedAt = Column("removed_at")
    }

    /// Every column but the local `seq`, which only indexes use, in the order ``init(row:)`` reads them.
    static let selectedColumns = [
        "id", "code", "name", "kind", "status", "status_reason", "region", "address", "lat", "lon", "services", "hours",
        "host", "phone", "seats", "verified_on", "created_at", "updated_at", "actor", "removed_at",
    ]

    public static var databaseSelection: [any SQLSelectable] { selectedColumns.map { Column($0) } }

    /// Reads a row selected as ``selectedColumns``, by position: every station query selects them
    /// in that order, and looking columns up by name cost more than the rest of decoding.
    public init(row: Row) throws {
        let hoursText: String? = row[11]
        self.init(
            id: try Self.uuid(row[0]), code: row[1], name: row[2],
            kind: StationKind(rawValue: row[3]) ?? .other,
            status: StationStatus(rawValue: row[4]) ?? .closed,
            statusReason: row[5], region: row[6], address: row[7],
            position: Coordinate(unchecked: row[8], row[9]),
            services: ServiceSet(rawValue: row[10]),
            hours: try hoursText.map { try OpeningHours.parsedOnce($0) },
            host: row[12], phone: row[13], seats: row[14], verifiedOn: row[15],
            createdAt: try DatabaseTimestamp.date(row[16]), updatedAt: try DatabaseTimestamp.date(row[17]), actor: row[18],
            removedAt: try (row[19] as String?).map(DatabaseTimestamp.date))
    }

    /// Every column ``databaseValues`` writes, in the same order.
    static let persistedColumns = [
        "id", "code", "name", "kind", "status", "status_reason", "region", "address", "lat", "lon", "services", "hours",
        "host", "phone", "seats", "verified_on", "created_at", "updated_at", "actor", "removed_at", "name_pinyin", "name_initials",
    ]

    /// The row's values in ``persistedColumns`` order: the one mapping of a station to its row, used by
    /// `encode(to:)` and, without a dictionary per row, by the importer.
    var databaseValues: [DatabaseValue] {
        let spelling = Pinyin.spell(name)
        return [
            id.storedText.databaseValue, code.databaseValue, name.databaseValue, kind.rawValue.databaseValue,
            status.rawValue.databaseValue, statusReason.databaseValue, region.databaseValue, address.databaseValue,
            position.latitude.databaseValue, position.longitude.databaseValue, services.rawValue.databaseValue,
            hours?.description.databaseValue ?? .null, host.databaseValue, phone.databaseValue, seats.databaseValue,
            verifiedOn.databaseValue, DatabaseTimestamp.text(createdAt).databaseValue, DatabaseTimestamp.text(updatedAt).databaseValue,
            actor.databaseValue, removedAt.map(DatabaseTimestamp.text).databaseValue,
            spelling.full.databaseValue, spelling.initials.databaseValue,
        ]
    }

    public func encode(to container: inout PersistenceContainer) throws {
        for (column, value) in zip(Self.persistedColumns, databaseValues) {
            container[column] = value
        }
    }

    /// The stored columns whose values differ from `old` (all set ones for a new station), for the audit trail.
    func changes(from old: Station?) -> [(String, String)] {
        let ignored: Set<String> = ["updated_at", "actor", "name_pinyin", "name_initials", "created_at"]
        let before = old?.databaseValues
        return zip(Self.persistedColumns, databaseValues).enumerated().compactMap { index, pair in
            let (column, after) = pair
            guard !ignored.contains(column), after != (before?[index] ?? .null) else { return nil }
            switch after.storage {
            case .null: return (column, "")
            case .int64(let number): return (column, String(number))
            case .double(let number): return (column, String(number))
            case .string(let text): return (column, text)
            case .blob: return (column, "(binary)")
            }
        }
    }

    private static func uuid(_ text: String) throws -> UUID {
        guard let id = UUID(storedText: text) ?? UUID(uuidString: text) else { throw StoreError.corrupt("station id \(text)") }
        return id
    }
}
