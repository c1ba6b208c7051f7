import Foundation
import GRDB

/// Which workers a listing or a search shows.
public struct WorkerFilter: Sendable {
    public var group: WorkerGroup?
    /// A region-code prefix: `6301` is all of 西宁.
    public var regionPrefix: String?
    /// Part of the name.
    public var name: String?
    /// Exactly this ID number or phone, matched through the blind index.
    public var idNumber: IDNumber?
    public var phone: PhoneNumber?

    /// A filter; with no arguments it keeps every worker.
    public init(group: WorkerGroup? = nil, regionPrefix: String? = nil, name: String? = nil, idNumber: IDNumber? = nil, phone: PhoneNumber? = nil) {
        self.group = group
        self.regionPrefix = regionPrefix
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
    }

    /// The worker rows, by name; `key` turns the personal-data filters into blind-index lookups.
    func request(key: PersonalDataKey) -> QueryInterfaceRequest<Row> {
        var request = Table(Worker.databaseTableName).all()
        if let group { request = request.filter(Column("worker_group") == group.rawValue) }
        if let regionPrefix { request = request.filter(sql: "region GLOB ?", arguments: [regionPrefix + "*"]) }
        if let name { request = request.filter(sql: "instr(name, ?) > 0", arguments: [name.trimmed]) }
        if let idNumber { request = request.filter(Column("id_number_index") == key.blindIndex(idNumber.value, field: "id_number")) }
        if let phone { request = request.filter(Column("phone_index") == key.blindIndex(phone.value, field: "phone")) }
        return request.order(Column("name"), Column("id"))
    }
}
