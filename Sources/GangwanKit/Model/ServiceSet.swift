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
        // Items written exactly as a code or a label, as in most files, are matched by their bytes;
        // the others (spaces around them, capitals, unknown names) go through the vocabulary.
        var others: [String] = []
        var text = text
        // Split the UTF-8 bytes: no separator's bytes occur inside another character.
        text.withUTF8 { bytes in
            func item(_ range: Range<Int>) {
                let item = UnsafeBufferPointer(rebasing: bytes[range])
                if let bit = exactBit(item) {
                    set.insert(ServiceSet(rawValue: bit))
                } else {
                    others.append(String(decoding: item, as: UTF8.self))
                }
            }
            var start = 0, index = 0
            while index < bytes.count {
                let width = separatorWidth(bytes, at: index)
                if width == 0 {
                    index += 1
                    continue
                }
                item(start..<index)
                index += width
                start = index
            }
            item(start..<bytes.count)
        }
        for item in others {
            let trimmed = item.trimmed
            if !trimmed.isEmpty { set.insert(ServiceSet(try Service.parse(trimmed))) }
        }
        return set
    }

    /// The bit of the service whose code or label is exactly `item`, if there is one.
    private static func exactBit(_ item: UnsafeBufferPointer<UInt8>) -> Int64? {
        for name in names where name.bytes.count == item.count {
            if name.bytes.withUnsafeBytes({ memcmp($0.baseAddress!, item.baseAddress!, item.count) }) == 0 { return name.bit }
        }
        return nil
    }

    /// Each service's code and label as UTF-8, with its bit.
    private static let names: [(bytes: [UInt8], bit: Int64)] = Service.allCases.flatMap { service in
        [(Array(service.rawValue.utf8), bit(service)), (Array(service.label.utf8), bit(service))]
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
