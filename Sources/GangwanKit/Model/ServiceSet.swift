import Foundation

/// A set of ``Service`` values, stored as a bit mask so the locator filters without parsing.
public struct ServiceSet: OptionSet, Sendable, Hashable {
    public let rawValue: Int64

    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    /// The set holding exactly `services`.
    public init<S: Sequence>(_ services: S) where S.Element == Service {
        self.init(rawValue: services.reduce(0) { $0 | ServiceSet.bit($1) })
    }

    /// The set holding one service.
    public init(_ service: Service) {
        self.init(rawValue: ServiceSet.bit(service))
    }

    /// The services in the set, in vocabulary order.
    public var services: [Service] {
        Service.allCases.filter { rawValue & ServiceSet.bit($0) != 0 }
    }

    /// Reads a list such as `water,热饭、toilet；rest`: separators `,` `，` `、` `;` `；`.
    public static func parse(_ text: String) throws(FieldError) -> ServiceSet {
        var set = ServiceSet()
        // Split on scalars, not characters: comparing characters costs a grapheme check each, and
        // none of the separators combines with what follows it.
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        while start < scalars.endIndex {
            let end = scalars[start...].firstIndex(where: isSeparator) ?? scalars.endIndex
            let item = Substring(scalars[start..<end]).trimmed
            if !item.isEmpty { set.insert(ServiceSet(try Service.parse(item))) }
            start = end < scalars.endIndex ? scalars.index(after: end) : end
        }
        return set
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ",", ";", "，", "、", "；": true
        default: false
        }
    }

    private static func bit(_ service: Service) -> Int64 {
        bits[service]!
    }

    private static let bits = Dictionary(uniqueKeysWithValues: Service.allCases.enumerated().map { ($1, Int64(1) << Int64($0)) })
}

extension ServiceSet: Codable {
    public init(from decoder: any Decoder) throws {
        let codes = try decoder.singleValueContainer().decode([Service].self)
        self.init(codes)
    }

    /// Encodes as an array of service codes, as the `--json` output promises.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(services)
    }
}
