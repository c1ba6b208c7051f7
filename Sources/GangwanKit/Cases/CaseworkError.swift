import Foundation

/// Why a worker or case operation was refused.
public enum CaseworkError: Error, LocalizedError, Equatable, Sendable {
    /// No record of this kind (`worker`, `case`, `event`) has this id or id prefix.
    case notFound(String, ref: String)
    /// Several records start with this id prefix.
    case ambiguous(String, ref: String)
    /// The ID number is registered already: one person, one record.
    case duplicateWorker(existing: UUID)
    /// The worker already has a case of this type that is not closed.
    case duplicateCase(existing: UUID, type: CaseType)
    /// The case cannot move from its status to the one asked for.
    case invalidTransition(from: CaseStatus, to: CaseStatus, allowed: [CaseStatus])
    /// The event was corrected already; a further correction refers to the latest one.
    case alreadyCorrected(event: UUID, by: UUID)
    /// A correction must be of the same kind, on the same case, as the event it corrects.
    case mismatchedCorrection(event: UUID)
    /// Only notes may be added to a closed case.
    case caseClosed(UUID)

    public var errorDescription: String? {
        switch self {
        case .notFound(let noun, let ref):
            localized(
                "no \(noun) has the id \"\(Self.shown(ref))\""
                    + (noun == "worker" ? "; `worker find` finds a worker by ID number, phone or name" : ""),
                "没有 ID 为“\(Self.shown(ref))”的\(Self.chinese(noun))"
                    + (noun == "worker" ? "；按身份证号、电话或姓名查找请用 `worker find`" : ""))
        case .ambiguous(let noun, let ref):
            localized(
                "several \(noun)s have ids starting \"\(Self.shown(ref))\"; give more characters",
                "有多个\(Self.chinese(noun))的 ID 以“\(Self.shown(ref))”开头，请多输入几位")
        case .duplicateWorker(let existing):
            localized(
                "id-number: this ID number is already registered to worker \(existing.storedText); one person has one record",
                "身份证号：该号码已登记为劳动者 \(existing.storedText)，一人只建一份档案")
        case .duplicateCase(let existing, let type):
            localized(
                "the worker already has a \(type.rawValue) case that is not closed: \(existing.storedText); log on it, or pass --allow-duplicate",
                "该劳动者已有未结案的“\(type.label)”案件 \(existing.storedText)；请在该案件上记录，或加 --allow-duplicate")
        case .invalidTransition(let from, let to, let allowed):
            localized(
                "a case that is \(from.rawValue) cannot become \(to.rawValue); it can become: \(allowed.map(\.rawValue).joined(separator: ", "))",
                "案件状态“\(from.label)”不能变为“\(to.label)”；可变为：\(allowed.map(\.label).joined(separator: "、"))")
        case .alreadyCorrected(let event, let by):
            localized(
                "corrects: event \(event.storedText) was already corrected by \(by.storedText); correct that one instead",
                "更正：事件 \(event.storedText) 已被 \(by.storedText) 更正，请更正后者")
        case .mismatchedCorrection(let event):
            localized(
                "corrects: event \(event.storedText) is of another kind or case; a correction repeats the kind of the event it corrects",
                "更正：事件 \(event.storedText) 的类型或所属案件不同；更正记录须与原记录类型相同")
        case .caseClosed(let id):
            localized(
                "case \(id.storedText) is closed: only notes can be added; reopen it first (case status ID reopened --reason …)",
                "案件 \(id.storedText) 已结案，只能添加备注；请先重新立案（case status ID reopened --reason …）")
        }
    }

    /// A typed reference as a message may show it: without control characters, and masked as an
    /// ID number or a phone when it looks like one (seven digits or more, with nothing else but the
    /// spaces, dashes, brackets, `+` and `X` people type in them, full-width forms included).
    static func shown(_ ref: String) -> String {
        let visible = FieldText.visible(ref)
        let typed = IDNumber.asciiDigits(visible)
        let digits = typed.filter(\.isASCIIDigit)
        guard digits.count >= 7, typed.allSatisfy({ $0.isASCIIDigit || " -+()（）Xx".contains($0) }) else { return visible }
        let number = typed.filter { $0.isASCIIDigit || $0 == "X" || $0 == "x" }
        return number.count >= 15 ? IDNumber.mask(number) : PhoneNumber.mask(number)
    }

    private static func chinese(_ noun: String) -> String {
        switch noun {
        case "worker": "劳动者"
        case "case": "案件"
        default: "记录"
        }
    }
}
