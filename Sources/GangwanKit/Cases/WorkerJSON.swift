import Foundation

/// A worker as `--json` prints it (snake_case keys): ID number and phone masked unless revealed.
public struct WorkerJSON: Encodable, Sendable {
    let id: String
    let name: String
    let group: String
    let idNumber: String?
    let phone: String?
    let region: String?
    let employer: String?
    let consentDate: String?
    let occupation: String?
    let platform: String?
    let relationship: String?
    let hardshipCategory: String?
    let hardshipCause: String?
    let hukouRegion: String?
    let createdAt: String
    let updatedAt: String
    let actor: String

    /// The worker's fields; personal data in full only when `reveal` is set.
    public init(_ worker: Worker, reveal: Bool) {
        id = worker.id.storedText
        name = worker.name
        group = worker.group.rawValue
        idNumber = worker.idNumber?.shown(revealed: reveal)
        phone = worker.phone?.shown(revealed: reveal)
        region = worker.region
        employer = worker.employer
        consentDate = worker.consentDate
        occupation = worker.occupation?.rawValue
        platform = worker.platform
        relationship = worker.relationship?.rawValue
        hardshipCategory = worker.hardshipCategory?.rawValue
        hardshipCause = worker.hardshipCause?.rawValue
        hukouRegion = worker.hukouRegion
        createdAt = ShanghaiTime.timestamp(of: worker.createdAt)
        updatedAt = ShanghaiTime.timestamp(of: worker.updatedAt)
        actor = worker.actor
    }
}
