import Foundation

/// The monthly statistical report for the provincial federation: cases, money, workers and stations.
///
/// Counting rules (docs/report.md): a case counts in a month when the matching time on its record
/// (opened, last resolved, last closed, last referred) falls in it, Beijing time; "open at month
/// end" means opened before the month ended and not settled by then; money is the sum of the
/// month's events, corrections included where they were logged.
public struct MonthlyReport: Encodable, Sendable, Equatable {
    /// `YYYY-MM`.
    public var month: String
    /// The region-code prefix the report is limited to, if any.
    public var region: String?
    /// Case counts by worker group × case type (only combinations with something to count).
    public var cases: [CaseRow]
    /// The sum of every row in ``cases``.
    public var caseTotals: CaseCounts
    /// Median whole days from opening to resolution, for cases resolved in the month, by type and overall.
    public var medianDaysToResolve: [String: Double]
    /// Money given and recovered in the month, by case type, in fen.
    public var money: [MoneyRow]
    public var moneyTotals: MoneyRow
    /// Workers registered in the month, by group, and all registered by the month's end.
    public var workersRegistered: [String: Int]
    public var workersTotal: Int
    /// Stations by prefecture, as registered at the month's end.
    public var stations: [StationRow]
    public var stationTotals: StationRow

    /// One group × type cell of the case table.
    public struct CaseRow: Encodable, Sendable, Equatable {
        public var group: String
        public var type: String
        public var counts: CaseCounts
    }

    /// What happened to cases in the month, and where they stood at its end.
    public struct CaseCounts: Encodable, Sendable, Equatable {
        public var opened = 0
        public var resolved = 0
        public var closed = 0
        public var referred = 0
        public var openAtEnd = 0
        public var overdueAtEnd = 0

        static func + (lhs: CaseCounts, rhs: CaseCounts) -> CaseCounts {
            CaseCounts(
                opened: lhs.opened + rhs.opened, resolved: lhs.resolved + rhs.resolved, closed: lhs.closed + rhs.closed,
                referred: lhs.referred + rhs.referred, openAtEnd: lhs.openAtEnd + rhs.openAtEnd,
                overdueAtEnd: lhs.overdueAtEnd + rhs.overdueAtEnd)
        }
    }

    /// Money by case type, in fen.
    public struct MoneyRow: Encodable, Sendable, Equatable {
        public var type: String
        public var assistanceFen: Int64 = 0
        public var recoveredFen: Int64 = 0
    }

    /// One prefecture's stations.
    public struct StationRow: Encodable, Sendable, Equatable {
        public var prefecture: String
        public var name: String
        /// Registered by the month's end and not removed.
        public var total = 0
        /// Of those, by current status.
        public var open = 0
        public var suspended = 0
        public var closed = 0
        /// Registered during the month.
        public var new = 0
        /// Not verified in the 90 days before the month's end (or never).
        public var unverified = 0
        /// Open stations offering each service, by service code.
        public var services: [String: Int] = [:]
    }
}
