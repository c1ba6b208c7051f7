import GangwanKit

/// Picks the English or Chinese text for the language the hub runs in.
func localized(_ english: String, _ chinese: String) -> String {
    Language.current.pick(english, chinese)
}

/// A value from a request or a command line as it may appear in a message or a log: no control
/// characters, and at most 32 characters.
func shown(_ text: some StringProtocol) -> String {
    let visible = String(String.UnicodeScalarView(text.unicodeScalars.filter {
        $0.properties.generalCategory != .control && $0.properties.generalCategory != .format
    }))
    return visible.count > 32 ? visible.prefix(32) + "…" : visible
}
