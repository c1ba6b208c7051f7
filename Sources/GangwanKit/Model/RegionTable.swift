import Foundation

/// The GB/T 2260 divisions Gangwan knows, shipped as `data/regions.csv`.
public struct RegionTable: Sendable {
    private let byCode: [String: Region]

    /// The divisions in code order.
    public let regions: [Region]

    /// Reads the `code,name,level,parent` table.
    public init(csv: String) throws(FieldError) {
        var regions: [Region] = []
        for (index, line) in csv.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, let level = Region.Level(rawValue: fields[2]) else {
                throw FieldError(field: "regions.csv", value: String(line), reason: localized("is not a valid row (line \(index + 1))", "不是有效的行（第 \(index + 1) 行）"))
            }
            regions.append(Region(code: fields[0], name: fields[1], level: level, parent: fields[3].isEmpty ? nil : fields[3]))
        }
        self.regions = regions.sorted { $0.code < $1.code }
        self.byCode = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The table shipped with Gangwan.
    public static let bundled: RegionTable = {
        guard let url = Bundle.module.url(forResource: "regions", withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              let table = try? RegionTable(csv: text)
        else { fatalError("The bundled regions.csv is missing or damaged; reinstall Gangwan.") }
        return table
    }()

    /// The division with this code, if Gangwan knows it.
    public func region(_ code: String) -> Region? {
        byCode[code]
    }

    /// Checks a 6-digit region code against the table.
    public func validate(code text: String) throws(FieldError) -> String {
        let code = text.trimmed
        guard byCode[code] != nil else {
            throw FieldError(
                field: "region", value: code,
                reason: localized("is not a known GB/T 2260 region code (see data/regions.csv)", "不是已知的行政区划代码（见 data/regions.csv）"))
        }
        return code
    }

    /// Checks a region prefix such as `63`, `6301` or `630103`: digits that begin at least one known code.
    public func validate(prefix text: String) throws(FieldError) -> String {
        let prefix = text.trimmed
        guard !prefix.isEmpty, prefix.count <= 6, prefix.allSatisfy(\.isASCII), prefix.allSatisfy(\.isNumber),
              regions.contains(where: { $0.code.hasPrefix(prefix) })
        else {
            throw FieldError(
                field: "region", value: prefix,
                reason: localized("is not the beginning of any known region code (e.g. 6301 for 西宁)", "不是任何已知区划代码的开头（例如 6301 表示西宁）"))
        }
        return prefix
    }

    /// The prefecture a county belongs to (itself for a prefecture), for reports.
    public func prefecture(of code: String) -> Region? {
        guard let region = byCode[code] else { return nil }
        switch region.level {
        case .province: return nil
        case .prefecture: return region
        case .county: return region.parent.flatMap { byCode[$0] }
        }
    }
}
