import Foundation

/// A worker's fields as a caseworker typed them, before validation.
///
/// `nil` leaves a field as it is; an empty string clears an optional one.
public struct WorkerFields: Sendable, Equatable {
    public var name: String?
    public var group: String?
    public var idNumber: String?
    public var phone: String?
    public var region: String?
    public var employer: String?
    public var consentDate: String?
    public var occupation: String?
    public var platform: String?
    public var relationship: String?
    public var hardshipCategory: String?
    public var hardshipCause: String?
    public var hukouRegion: String?

    /// Creates an empty set of fields.
    public init() {}

    /// The fields that a new worker must have.
    public static var required: [(String, KeyPath<WorkerFields, String?>)] { [("name", \.name), ("group", \.group)] }

    /// Builds a new worker; the required fields must be present.
    public func makeWorker(regions: RegionTable, actor: String, now: Date) throws(FieldError) -> Worker {
        for (field, path) in Self.required where (self[keyPath: path] ?? "").trimmed.isEmpty {
            throw FieldError(field: field, value: "", reason: localized("is required", "为必填项"))
        }
        var worker = Worker(id: UUID.timeOrdered(at: now), name: "", group: .other, createdAt: now, updatedAt: now, actor: actor)
        try apply(to: &worker, regions: regions, now: now)
        return worker
    }

    /// Validates the given fields and writes them into `worker`.
    ///
    /// Changing the group drops the old group's details; giving details of another group is an error.
    public func apply(to worker: inout Worker, regions: RegionTable, now: Date) throws(FieldError) {
        if let name { worker.name = try FieldText.required(name, field: "name", maxLength: 50) }
        if let group {
            worker.group = try WorkerGroup.parse(group)
            worker.dropOtherGroupsDetails()
        }
        if let idNumber { worker.idNumber = idNumber.trimmed.isEmpty ? nil : try IDNumber(parsing: idNumber, today: now) }
        if let phone { worker.phone = phone.trimmed.isEmpty ? nil : try PhoneNumber(parsing: phone) }
        if let region { worker.region = region.trimmed.isEmpty ? nil : try regions.validate(code: region) }
        if let employer { worker.employer = try FieldText.optional(employer, field: "employer", maxLength: 100) }
        if let consentDate {
            worker.consentDate = try FieldText.day(consentDate, field: "consent-date")
            if let day = worker.consentDate, day > ShanghaiTime.day(of: now) {
                throw FieldError(field: "consent-date", value: day, reason: localized("is in the future", "晚于今天"))
            }
        }
        try applyDetails(to: &worker)
    }

    private func applyDetails(to worker: inout Worker) throws(FieldError) {
        try require(.gig, for: "occupation", occupation, worker)
        try require(.gig, for: "platform", platform, worker)
        try require(.gig, for: "relationship", relationship, worker)
        try require(.hardship, for: "hardship-category", hardshipCategory, worker)
        try require(.hardship, for: "hardship-cause", hardshipCause, worker)
        try require(.migrant, for: "hukou-region", hukouRegion, worker)
        if let occupation { worker.occupation = occupation.trimmed.isEmpty ? nil : try Occupation.parse(occupation) }
        if let platform { worker.platform = try FieldText.optional(platform, field: "platform", maxLength: 50) }
        if let relationship {
            worker.relationship = relationship.trimmed.isEmpty ? nil : try EmploymentRelationship.parse(relationship)
        }
        if let hardshipCategory {
            worker.hardshipCategory = hardshipCategory.trimmed.isEmpty ? nil : try HardshipCategory.parse(hardshipCategory)
        }
        if let hardshipCause { worker.hardshipCause = hardshipCause.trimmed.isEmpty ? nil : try HardshipCause.parse(hardshipCause) }
        if let hukouRegion { worker.hukouRegion = try Self.parseHukou(hukouRegion) }
    }

    private func require(_ group: WorkerGroup, for field: String, _ value: String?, _ worker: Worker) throws(FieldError) {
        guard let value, !value.trimmed.isEmpty, worker.group != group else { return }
        throw FieldError(field: field, value: value.trimmed, reason: localized(
            "is only recorded for group \(group.rawValue) (\(group.label)); this worker is \(worker.group.rawValue)",
            "仅适用于“\(group.label)”，该劳动者属于“\(worker.group.label)”"))
    }

    /// A county anywhere in China: six digits under a real province code.
    private static func parseHukou(_ text: String) throws(FieldError) -> String? {
        let code = text.trimmed
        if code.isEmpty { return nil }
        guard code.count == 6, code.allSatisfy(\.isASCIIDigit), IDNumber.provinces.contains(String(code.prefix(2))) else {
            throw FieldError(field: "hukou-region", value: code, reason: localized(
                "is not a 6-digit county code (GB/T 2260), like 620102", "不是 6 位县级行政区划代码（GB/T 2260），例如 620102"))
        }
        return code
    }
}
