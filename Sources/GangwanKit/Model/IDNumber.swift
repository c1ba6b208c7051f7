import Foundation

/// An 18-character resident identity number (公民身份号码, GB 11643), validated and normalised.
public struct IDNumber: PersonalNumber {
    /// The normalised number: ASCII digits and an upper-case `X` check character.
    public let value: String

    /// Province-level codes that begin a real number (GB/T 2260, plus 81/82/83 for residence permits).
    static let provinces: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    ]
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432")

    /// Validates a typed number: spaces and full-width digits are tolerated, a lower-case `x` too.
    ///
    /// Errors show the number masked, never whole: a mistyped number is still mostly somebody's.
    public init(parsing text: String, today: Date = Date()) throws(FieldError) {
        let normalised = String(Self.asciiDigits(text).filter { !$0.isWhitespace && $0 != "-" }).uppercased()
        func refuse(_ english: String, _ chinese: String) -> FieldError {
            FieldError(field: "id-number", value: Self.mask(normalised), reason: localized(english, chinese))
        }
        let characters = Array(normalised)
        guard characters.count == 18 else {
            throw refuse("must have 18 characters, not \(characters.count)", "应为 18 位，而不是 \(characters.count) 位")
        }
        guard characters.prefix(17).allSatisfy(\.isASCIIDigit), characters[17].isASCIIDigit || characters[17] == "X" else {
            throw refuse("must be 17 digits followed by a digit or X", "应为 17 位数字加一位数字或 X")
        }
        guard Self.provinces.contains(String(characters[0..<2])), characters[2..<6] != ["0", "0", "0", "0"] else {
            throw refuse("does not begin with a real region code", "开头不是有效的行政区划代码")
        }
        let birth = String(characters[6..<14])
        let day = "\(birth.prefix(4))-\(birth.dropFirst(4).prefix(2))-\(birth.suffix(2))"
        guard let born = ShanghaiTime.date(fromDay: day), born <= today, Int(birth.prefix(4))! >= 1900 else {
            throw refuse("holds an impossible birth date", "中的出生日期不存在")
        }
        let sum = zip(characters.prefix(17), Self.weights).reduce(0) { $0 + $1.0.wholeNumberValue! * $1.1 }
        guard Self.checkCharacters[sum % 11] == characters[17] else {
            throw refuse("has a wrong check digit (GB 11643); check it was copied correctly", "校验位不正确（GB 11643），请核对是否抄错")
        }
        value = normalised
    }

    /// Wraps a number read back from the sealed store, already validated when it was written.
    init(trusted value: String) {
        self.value = value
    }

    /// Masked as region and last four, `630102********123X`.
    public static func mask(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count >= 12 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(6)) + String(repeating: "*", count: characters.count - 10) + String(characters.suffix(4))
    }

    /// Full-width digits (０-９) and letters typed by Chinese input methods, as ASCII.
    static func asciiDigits(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (0xFF10...0xFF19).contains(scalar.value) || scalar.value == 0xFF38 || scalar.value == 0xFF58
                ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
        }))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
