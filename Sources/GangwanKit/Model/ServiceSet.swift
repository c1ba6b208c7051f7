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
        // Bit n is the n-th service of the vocabulary (see `bits`): no lookup per service.
        Service.allCases.enumerated().compactMap { index, service in rawValue & (1 << Int64(index)) != 0 ? service : nil }
    }

    /// Reads a list such as `water,热饭、toilet；rest`: separators `,` `，` `、` `;` `；`.
    public static func parse(_ text: String) throws(FieldError) -> ServiceSet {
        var set = ServiceSet()
        var text = text
        // Split the UTF-8 bytes: no separator's bytes occur inside another character.
        let items = text.withUTF8 { bytes -> [String] in
            var items: [String] = []
            var start = 0, index = 0
            while index < bytes.count {
                let width = separatorWidth(bytes, at: index)
                if width == 0 {
                    index += 1
                    continue
                }
                items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                index += width
                start = index
            }
            items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), as: UTF8.self))
            return items
        }
        for item in items {
            let trimmed = item.trimmed
            if !trimmed.isEmpty { set.insert(ServiceSet(try Service.parse(trimmed))) }
        }
        return set
    }

    /// The length of the separator starting at `index`, or 0: `,` `;`, `，` (EF BC 8C), `；` (EF BC 9B), `、` (E3 80 81).
    private static func separatorWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch bytes[index] {
        case UInt8(ascii: ","), UInt8(ascii: ";"): return 1
        case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBC && (bytes[index + 2] == 0x8C || bytes[index + 2] == 0x9B): return 3
        case 0xE3 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x81: return 3
        default: return 0
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
