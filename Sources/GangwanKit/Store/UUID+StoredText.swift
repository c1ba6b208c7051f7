import Foundation

extension UUID {
    /// The id as stored and shown: 36 characters, lowercase hex digits and dashes.
    ///
    /// Written and read here without Foundation, whose formatter and parser (through `sscanf`)
    /// each cost as much as the rest of writing or reading a station.
    public var storedText: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { output in
                var end = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        output[end] = UInt8(ascii: "-")
                        end += 1
                    }
                    output[end] = Hex.digits[Int(byte >> 4)]
                    output[end + 1] = Hex.digits[Int(byte & 0x0F)]
                    end += 2
                }
                return end
            }
        }
    }

    /// Reads an id written as ``storedText`` writes it (either case); `nil` for anything else.
    init?(storedText text: String) {
        var text = text
        let value = text.withUTF8 { bytes -> uuid_t? in
            guard bytes.count == 36 else { return nil }
            for dash in [8, 13, 18, 23] where bytes[dash] != UInt8(ascii: "-") { return nil }
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let complete = withUnsafeMutableBytes(of: &value) { output -> Bool in
                for (index, position) in [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34].enumerated() {
                    guard let high = Self.hexDigit(bytes[position]), let low = Self.hexDigit(bytes[position + 1]) else { return false }
                    output[index] = high << 4 | low
                }
                return true
            }
            return complete ? value : nil
        }
        guard let value else { return nil }
        self.init(uuid: value)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
