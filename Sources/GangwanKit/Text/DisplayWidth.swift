/// Terminal cell widths, so that tables mixing Chinese and Latin text line up.
///
/// A terminal gives East Asian Wide and Fullwidth characters (Unicode UAX #11 classes W and F:
/// Han, kana, Hangul, CJK punctuation, full-width forms) and emoji two cells, combining marks
/// and invisible format characters none, and everything else one. Ambiguous characters
/// (`…`, `°`, Greek, Cyrillic) are counted as one, as terminals do outside CJK legacy locales.
/// Widths are taken per grapheme cluster, so `é` written as `e` + U+0301 is one cell and a
/// family emoji joined with U+200D is two, not six.
extension String {
    /// The number of terminal cells the string occupies.
    public var displayWidth: Int {
        var width = 0
        for character in self {
            width += DisplayWidth.cells(character)
        }
        return width
    }

    /// The string followed by enough spaces to fill `toWidth` cells; unchanged if it is already as wide.
    public func padded(toWidth width: Int) -> String {
        let missing = width - displayWidth
        return missing > 0 ? self + String(repeating: " ", count: missing) : self
    }

    /// The string cut to at most `toWidth` cells, ending in `…` (one cell) when something was cut.
    ///
    /// A wide character that would straddle the limit is dropped whole, so the result can be
    /// one cell narrower than asked; ``padded(toWidth:)`` evens that out.
    public func truncated(toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        if displayWidth <= width { return self }
        var kept = ""
        var used = 0
        for character in self {
            let cells = DisplayWidth.cells(character)
            if used + cells > width - 1 { break }
            kept.append(character)
            used += cells
        }
        return kept + "…"
    }
}

/// The width rules behind ``Swift/String/displayWidth``.
enum DisplayWidth {
    /// Cells taken by one grapheme cluster: those of its base, unless it forms an emoji picture.
    static func cells(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        var rest = scalars.makeIterator()
        let first = rest.next()!
        guard let second = rest.next() else { return cells(first) }
        // A text-style emoji (❤, 1 of a keycap) followed by VARIATION SELECTOR-16, or the start
        // of a ZWJ sequence, is drawn as one two-cell picture.
        if first.properties.isEmoji && (second.value == 0xFE0F || scalars.contains("\u{200D}")) {
            return 2
        }
        return cells(first)
    }

    /// Cells taken by a scalar drawn on its own.
    static func cells(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v < 0x20 ? 0 : 1 }
        if v < 0xA0 { return 0 }
        // The common case for Chinese text, ahead of the property lookups below.
        if (0x4E00...0x9FFF).contains(v) { return 2 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .control, .format:
            // SOFT HYPHEN is a format character that terminals still draw as a hyphen.
            return v == 0xAD ? 1 : 0
        default:
            break
        }
        // Hangul medial vowels and final consonants join the preceding leading consonant.
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Whether the scalar is East Asian Wide or Fullwidth, by the blocks that hold them.
    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F,   // Hangul Jamo leading consonants
             0x2329...0x232A,   // angle brackets
             0x2E80...0x303E,   // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
             0x3041...0x33FF,   // kana, bopomofo, Hangul compatibility jamo, kanbun, CJK strokes, enclosed and compatibility
             0x3400...0x4DBF,   // CJK Unified Ideographs Extension A
             0x4E00...0x9FFF,   // CJK Unified Ideographs
             0xA000...0xA4CF,   // Yi
             0xA960...0xA97F,   // Hangul Jamo Extended-A
             0xAC00...0xD7A3,   // Hangul syllables
             0xF900...0xFAFF,   // CJK Compatibility Ideographs
             0xFE10...0xFE19,   // vertical forms
             0xFE30...0xFE6F,   // CJK compatibility forms, small form variants
             0xFF00...0xFF60,   // full-width ASCII and punctuation
             0xFFE0...0xFFE6,   // full-width signs (￥, ￡…)
             0x16FE0...0x16FFF, // ideographic symbols
             0x17000...0x18CFF, // Tangut, Khitan
             0x1AFF0...0x1B2FF, // kana supplements, Nüshu
             0x1F200...0x1F2FF, // enclosed ideographic supplement (🈶, 🉐)
             0x20000...0x2FFFD, // CJK extensions B–F, compatibility supplement
             0x30000...0x3FFFD: // CJK extensions G–H
            true
        default:
            false
        }
    }
}
