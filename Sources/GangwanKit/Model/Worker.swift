import Foundation
import GRDB

/// A person the union helps: a gig worker, a migrant worker, a worker in hardship, or another.
///
/// The ID number and phone are held in memory in the clear; in the database they are sealed
/// (see ``PersonalDataKey``) and shown masked unless a caseworker asks to reveal them.
public struct Worker: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var name: String
    public var group: WorkerGroup
    public var idNumber: IDNumber?
    public var phone: PhoneNumber?
    /// The 6-digit code of the county where the office helps the worker.
    public var region: String?
    public var employer: String?
    /// The day (`YYYY-MM-DD`) the worker agreed to their data being kept.
    public var consentDate: String?
    /// Gig workers: what they do, for which platform, and how they stand with it.
    public var occupation: Occupation?
    public var platform: String?
    public var relationship: EmploymentRelationship?
    /// Workers in hardship: the 困难类别 and its main cause.
    public var hardshipCategory: HardshipCategory?
    public var hardshipCause: HardshipCause?
    /// Migrant workers: the 6-digit code of the county of their 户口.
    public var hukouRegion: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// Who made the last change.
    public var actor: String

    /// Creates a worker record with no details.
    public init(id: UUID = UUID(), name: String, group: WorkerGroup, createdAt: Date, updatedAt: Date, actor: String) {
        self.id = id
        self.name = name
        self.group = group
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.actor = actor
    }

    /// Forgets the details that belong to groups other than the worker's own.
    mutating func dropOtherGroupsDetails() {
        if group != .gig { (occupation, platform, relationship) = (nil, nil, nil) }
        if group != .hardship { (hardshipCategory, hardshipCause) = (nil, nil) }
        if group != .migrant { hukouRegion = nil }
    }
}

// MARK: - Database

extension Worker {
    static let databaseTableName = "worker"

    /// Reads a row, opening the sealed fields with `key`.
    init(row: Row, key: PersonalDataKey) throws {
        guard let id = UUID(storedText: row["id"]) else { throw StoreError.corrupt("worker id \(row["id"] as String)") }
        self.init(
            id: id, name: row["name"], group: WorkerGroup(rawValue: row["worker_group"]) ?? .other,
            createdAt: try DatabaseTimestamp.date(row["created_at"]), updatedAt: try DatabaseTimestamp.date(row["updated_at"]), actor: row["actor"])
        if let sealed: Data = row["id_number_sealed"] {
            idNumber = IDNumber(trusted: try Self.unseal(sealed, "id_number", id, key))
        }
        if let sealed: Data = row["phone_sealed"] {
            phone = PhoneNumber(trusted: try Self.unseal(sealed, "phone", id, key))
        }
        region = row["region"]
        employer = row["employer"]
        consentDate = row["consent_date"]
        occupation = (row["occupation"] as String?).flatMap(Occupation.init(rawValue:))
        platform = row["platform"]
        relationship = (row["relationship"] as String?).flatMap(EmploymentRelationship.init(rawValue:))
        hardshipCategory = (row["hardship_category"] as String?).flatMap(HardshipCategory.init(rawValue:))
        hardshipCause = (row["hardship_cause"] as String?).flatMap(HardshipCause.init(rawValue:))
        hukouRegion = row["hukou_region"]
    }

    /// Every column ``databaseValues(key:)`` writes, in the same order.
    static let columns = [
        "id", "name", "worker_group", "id_number_sealed", "id_number_index", "phone_sealed", "phone_index", "region",
        "employer", "consent_date", "occupation", "platform", "relationship", "hardship_category", "hardship_cause",
        "hukou_region", "created_at", "updated_at", "actor",
    ]

    static let upsert = Upsert.sql(table: databaseTableName, columns: columns)

    /// The row's values in ``columns`` order: personal data sealed, with its blind index beside it.
    func databaseValues(key: PersonalDataKey) -> [(any DatabaseValueConvertible)?] {
        [
            id.storedText, name, group.rawValue,
            idNumber.map { key.seal($0.value, context: Self.context("id_number", id)) },
            idNumber.map { key.blindIndex($0.value, field: "id_number") },
            phone.map { key.seal($0.value, context: Self.context("phone", id)) },
            phone.map { key.blindIndex($0.value, field: "phone") },
            region, employer, consentDate, occupation?.rawValue, platform, relationship?.rawValue,
            hardshipCategory?.rawValue, hardshipCause?.rawValue, hukouRegion,
            DatabaseTimestamp.text(createdAt), DatabaseTimestamp.text(updatedAt), actor,
        ]
    }

    private static func context(_ field: String, _ id: UUID) -> String {
        "worker/\(id.storedText)/\(field)"
    }

    private static func unseal(_ sealed: Data, _ field: String, _ id: UUID, _ key: PersonalDataKey) throws -> String {
        guard let plain = key.open(sealed, context: context(field, id)) else { throw PrivacyError.cannotUnseal(field: field, worker: id) }
        return plain
    }
}
