import Foundation

/// Amounts of money: yuan as typed, fen (1/100 yuan) as stored; never floating point.
public enum Money {
    /// The largest amount accepted, 100 million yuan: more is a typing error.
    static let maximumFen: Int64 = 10_000_000_000

    /// Reads yuan with at most two decimals (`1500`, `1500.5`, `1500.50`) as fen.
    public static func fen(fromYuan text: String, field: String = "amount") throws(FieldError) -> Int64 {
        let typed = text.trimmed
        func refuse(_ english: String, _ chinese: String) -> FieldError {
            FieldError(field: field, value: typed, reason: localized(english, chinese))
        }
        if typed.hasPrefix("-") { throw refuse("must not be negative", "不能为负数") }
        let parts = typed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              parts.count == 1 || !parts[1].isEmpty
        else { throw refuse("is not an amount in yuan, like 1500 or 1500.50", "不是以元为单位的金额，例如 1500 或 1500.50") }
        let decimals = parts.count == 2 ? parts[1] : ""
        guard decimals.count <= 2 else { throw refuse("has more than two decimals (fen is the smallest unit)", "小数超过两位（最小单位为分）") }
        let whole = parts[0].drop { $0 == "0" }
        guard whole.count <= 12, let yuan = Int64(whole.isEmpty ? "0" : whole), let cents = Int64(decimals.padding(toLength: 2, withPad: "0", startingAt: 0)),
              yuan * 100 + cents <= maximumFen
        else { throw refuse("is more than 100,000,000 yuan", "超过一亿元") }
        return yuan * 100 + cents
    }

    /// Fen as yuan with two decimals, `1500.50`.
    public static func yuan(_ fen: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let (whole, cents) = abs(fen).quotientAndRemainder(dividingBy: 100)
        return "\(sign)\(whole).\(cents < 10 ? "0" : "")\(cents)"
    }
}
