import Foundation

/// Personal numbers for test workers: valid, distinct, and searchable in logs and outputs.
enum EndToEndPeople {
    /// A 身份证号 for someone registered in `region`, born on `birth` (`YYYYMMDD`), with a valid
    /// GB 11643 check digit.
    static func idNumber(region: String, birth: String, sequence: Int) -> String {
        let body = region + birth + String(format: "%03d", sequence % 1000)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + $1.0.wholeNumberValue! * $1.1 }
        let check = Array("10X98765432")[sum % 11]
        return body + String(check)
    }

    /// A mobile number ending in `suffix` (up to eight digits).
    static func phone(_ suffix: Int) -> String {
        "139" + String(format: "%08d", suffix % 100_000_000)
    }

    /// The forms a leaked number could take: as stored, and spaced the way clerks type phones.
    static func leakForms(_ number: String) -> [String] {
        guard number.count == 11 else { return [number] }
        let digits = Array(number)
        return [number, String(digits[0..<3]) + " " + String(digits[3..<7]) + " " + String(digits[7...])]
    }
}
