import Foundation

/// A column of the station CSV format, with its English and Chinese header names.
enum StationColumn: String, CaseIterable {
    case id, code, name, kind, lat, lon, region, address, services, hours, phone, host, seats, status, verified
    case statusReason = "status_reason"

    /// The Chinese header accepted in place of the English one.
    var chineseHeader: String {
        switch self {
        case .id: "ID"
        case .code: "编号"
        case .name: "名称"
        case .kind: "类型"
        case .lat: "纬度"
        case .lon: "经度"
        case .region: "区划代码"
        case .address: "地址"
        case .services: "服务项目"
        case .hours: "开放时间"
        case .phone: "电话"
        case .host: "依托单位"
        case .seats: "座位数"
        case .status: "状态"
        case .verified: "核实日期"
        case .statusReason: "状态说明"
        }
    }

    /// Reads a header cell in either language, ignoring case and spaces.
    init?(header: String) {
        let key = header.trimmed
        guard let column = Self.allCases.first(where: {
            $0.rawValue.caseInsensitiveCompare(key) == .orderedSame || $0.chineseHeader == key
        }) else { return nil }
        self = column
    }

    /// Where this column's text goes in ``StationFields``.
    var field: WritableKeyPath<StationFields, String?> {
        switch self {
        case .id: \.id
        case .code: \.code
        case .name: \.name
        case .kind: \.kind
        case .lat: \.lat
        case .lon: \.lon
        case .region: \.region
        case .address: \.address
        case .services: \.services
        case .hours: \.hours
        case .phone: \.phone
        case .host: \.host
        case .seats: \.seats
        case .status: \.status
        case .verified: \.verified
        case .statusReason: \.statusReason
        }
    }

    /// The columns a file must have.
    static let required: [StationColumn] = [.name, .kind, .lat, .lon, .region]
}

/// What a header cell of an import file names: a station column, or a column the import passes over.
enum ImportedColumn: Equatable, Sendable {
    case station(StationColumn)
    /// A header cell left empty, as Excel saves unused columns at the right: the rows must leave the
    /// column (numbered from 1) empty too, since nothing says what a value there would be.
    case unnamed(number: Int)
    /// The `line`, `column` and `reason` a rejects file begins with: a corrected rejects file imports.
    case rejectsNote

    /// The header cells a rejects file puts before the input file's (see `RejectsFile`).
    static let rejectsNotes = ["line", "column", "reason"]
}
