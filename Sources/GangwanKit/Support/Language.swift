import Foundation

/// The language of labels and messages: Chinese when `LANG` starts with `zh`, else English.
public enum Language: Sendable {
    case english
    case chinese

    /// The language the process environment asks for (`LC_ALL`, then `LANG`).
    public static let current: Language = {
        let env = ProcessInfo.processInfo.environment
        let tag = env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LANG"] ?? ""
        return tag.lowercased().hasPrefix("zh") ? .chinese : .english
    }()

    /// Picks the English or the Chinese text.
    public func pick(_ english: String, _ chinese: String) -> String {
        self == .chinese ? chinese : english
    }
}

/// Picks the English or Chinese text for the current language.
func localized(_ english: String, _ chinese: String) -> String {
    Language.current.pick(english, chinese)
}
