import Foundation

/// A mainland mobile (`13812345678`) or landline with area code (`0971-8123456`), normalised.
public struct PhoneNumber: PersonalNumber {
    /// The normalised number: 11 mobile digits, or `AREA-LOCAL`.
    public let value: String

    /// Reads a typed number: spaces, dashes, brackets and a `+86` prefix are tolerated.
    public init(parsing text: String) throws(FieldError) {
        var digits = String(IDNumber.asciiDigits(text).filter { !" -()（）\t".contains($0) })
        for prefix in ["+86", "0086"] where digits.hasPrefix(prefix) {
            digits.removeFirst(prefix.count)
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else {
            throw FieldError(field: "phone", value: Self.mask(digits), reason: localized(
                "must be digits only, like 13812345678 or 0971-8123456", "只能是数字，例如 13812345678 或 0971-8123456"))
        }
        if digits.count == 11, digits.hasPrefix("1") {
            guard let second = digits.dropFirst().first, ("3"..."9").contains(second) else {
                throw FieldError(field: "phone", value: Self.mask(digits), reason: localized(
                    "is not a mobile number (mobile numbers start 13 to 19)", "不是手机号（手机号以 13 至 19 开头）"))
            }
            value = digits
            return
        }
        guard digits.hasPrefix("0") else {
            throw FieldError(field: "phone", value: Self.mask(digits), reason: localized(
                "is neither an 11-digit mobile number nor a landline with its area code, like 0971-8123456",
                "既不是 11 位手机号，也不是带区号的固定电话（如 0971-8123456）"))
        }
        // Area codes are 010 and 02X (three digits) or 0XXX (four); the local number has 7 or 8 digits.
        let areaLength = digits.hasPrefix("01") || digits.hasPrefix("02") ? 3 : 4
        let local = digits.dropFirst(areaLength)
        guard (7...8).contains(local.count), let first = local.first, first != "0", first != "1" else {
            throw FieldError(field: "phone", value: Self.mask(digits), reason: localized(
                "is not a landline: after the area code come 7 or 8 digits, like 0971-8123456",
                "不是固定电话号码：区号后应为 7 或 8 位数字，例如 0971-8123456"))
        }
        value = "\(digits.prefix(areaLength))-\(local)"
    }

    /// Wraps a number read back from the sealed store.
    init(trusted value: String) {
        self.value = value
    }

    /// Masked as `138****5678`, `0971-***3456`.
    public static func mask(_ text: String) -> String {
        if let dash = text.firstIndex(of: "-") {
            let local = text[text.index(after: dash)...]
            return "\(text[..<dash])-" + String(repeating: "*", count: max(0, local.count - 4)) + String(local.suffix(4))
        }
        guard text.count >= 8 else { return String(repeating: "*", count: text.count) }
        return String(text.prefix(3)) + String(repeating: "*", count: text.count - 7) + String(text.suffix(4))
    }
}
