import Foundation
import Synchronization

/// Toneless pinyin of Chinese names, so stations can be found by typing Latin letters.
///
/// `西宁市城中区` becomes `xiningshichengzhongqu` in full and `xnsczq` as initials: the forms
/// people type on a phone without switching input method. Syllables are joined with no separator
/// because that is how they are typed, and the search matches substrings.
///
/// Each Han character is read on its own, by ICU's `Han-Latin; Latin-ASCII` transform (what
/// Foundation's `StringTransform.mandarinToLatin` plus diacritic stripping does), once per
/// distinct character per process; later readings come from a cache. ICU costs about 50 µs a
/// call, and a call per name would make an import of a million stations take minutes, while a
/// name's characters repeat endlessly (市, 区, 驿站, 港湾).
///
/// Polyphones: ICU gives one reading per character whatever the word. Where that reading is not
/// the one station names use, ``characterReadings`` replaces it (长 is `chang` as in 长江, not
/// `zhang`; 都 is `du` as in 乐都 and 都兰, not `dou`), and ``wordReadings`` reads a few two-character
/// words as a whole (银行 `yinhang`, 称多 `chenduo`). Any other polyphone keeps ICU's reading, and
/// search finds its name only by that one.
///
/// Limitations:
/// - ü loses its dots (绿 is `lu`, 女 is `nu`), as ASCII transliteration does; input methods
///   that type it as `v` will not match.
///
/// Other characters: ASCII letters and digits are kept, lowercased, and each counts as its own
/// initial, so `G109国道驿站` gives `g109guodaoyizhan` and `g109gdyz`; their full-width forms
/// (Ｇ１０９) are folded to ASCII first. Everything else — spaces, punctuation, symbols, other
/// scripts, Han characters ICU has no reading for — is dropped.
public enum Pinyin {
    /// The full toneless pinyin of `text`, lowercase, syllables joined without separators.
    public static func full(_ text: String) -> String {
        spell(text).full
    }

    /// The first letter of each syllable of `text`, plus its ASCII letters and digits, lowercase.
    public static func initials(_ text: String) -> String {
        spell(text).initials
    }

    /// Both spellings of `text` from one pass; cheaper than ``full(_:)`` and ``initials(_:)``
    /// when both are stored, as for station names.
    public static func spell(_ text: String) -> (full: String, initials: String) {
        // Every kept scalar yields one syllable, so UTF-8 length bounds the count.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: text.utf8.count) { syllables in
            var count = 0
            var letters = 0
            // One lock per name, not per character: the lock is most of the cost of a lookup.
            cache.withLock { table in
                // The scalar before this one, when it gave a syllable: with it, a word may be read whole.
                var previous: UInt32 = 0
                for scalar in text.unicodeScalars {
                    var syllable = table.syllable(scalar)
                    guard syllable != 0 else {
                        previous = 0
                        continue
                    }
                    if syllable & wordPart != 0 {
                        syllable &= ~wordPart
                        if let word = words[UInt64(previous) << 32 | UInt64(scalar.value)] {
                            letters += Int(word.first >> 56) - Int(syllables[count - 1] >> 56)
                            syllables[count - 1] = word.first
                            syllable = word.second
                        }
                    }
                    syllables[count] = syllable
                    count += 1
                    letters += Int(syllable >> 56)
                    previous = scalar.value
                }
            }
            let full = String(unsafeUninitializedCapacity: letters) { bytes in
                var end = 0
                for syllable in syllables[..<count] {
                    for index in 0..<Int(syllable >> 56) {
                        bytes[end] = UInt8(truncatingIfNeeded: syllable >> (8 * index))
                        end += 1
                    }
                }
                return end
            }
            let initials = String(unsafeUninitializedCapacity: count) { bytes in
                for (index, syllable) in syllables[..<count].enumerated() {
                    bytes[index] = UInt8(truncatingIfNeeded: syllable)
                }
                return count
            }
            return (full, initials)
        }
    }

    /// Single-character readings used instead of ICU's, for the words of place and station names.
    /// A change to this table or to ``wordReadings`` needs a new migration like
    /// `v8-pinyin-readings`, or names stored before it keep their old spelling.
    static let characterReadings: [Unicode.Scalar: String] = ["长": "chang", "都": "du", "藏": "zang"]

    /// Two-character words read as a whole, whatever their characters' own readings.
    static let wordReadings: [String: (String, String)] = [
        "银行": ("yin", "hang"), "支行": ("zhi", "hang"), "分行": ("fen", "hang"), "总行": ("zong", "hang"),
        "称多": ("chen", "duo"), "重庆": ("chong", "qing"),
    ]

    /// The characters whose spelling here differs from ICU's in some name: names holding one are
    /// spelled again by migration `v8-pinyin-readings`.
    static var revisedCharacters: Set<Character> {
        Set(characterReadings.keys.map(Character.init)).union(wordReadings.keys.flatMap { $0 })
    }

    /// ``wordReadings`` by their two scalars (first in the high half), packed.
    private static let words: [UInt64: (first: UInt64, second: UInt64)] = Dictionary(uniqueKeysWithValues: wordReadings.map { word, reading in
        let scalars = Array(word.unicodeScalars)
        return (UInt64(scalars[0].value) << 32 | UInt64(scalars[1].value), (pack(reading.0.utf8), pack(reading.1.utf8)))
    })

    /// Marks, in a cached syllable, a character that is part of some word of ``wordReadings``; it
    /// lies in the seventh byte, which ``pack(_:)`` leaves empty.
    fileprivate static let wordPart: UInt64 = 1 << 54

    /// Readings already looked up, shared by every thread of the process. ICU runs with the lock
    /// held: once per distinct character, a few thousand times in a process's life at most.
    private static let cache = Mutex(Table())
}

extension Pinyin {
    /// A syllable packed as up to six ASCII bytes (low byte first) with its length in the top
    /// byte; 0 is "nothing to write". Mandarin syllables have at most six letters (`zhuang`), and
    /// the seventh byte is left free for the flags of ``Table`` and ``wordPart``.
    ///
    /// Packing keeps the cache free of `String` values, so a warm lookup copies eight bytes and
    /// never touches a reference count.
    fileprivate static func pack<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var packed: UInt64 = 0
        var length: UInt64 = 0
        for byte in bytes.prefix(6) {
            packed |= UInt64(byte) << (8 * length)
            length += 1
        }
        return length == 0 ? 0 : packed | length << 56
    }

    /// The byte lowercased if it is an ASCII letter or digit.
    fileprivate static func asciiAlphanumeric(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): byte
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
        default: nil
        }
    }

    /// The reading of one Han character, as lowercase letters (none if it has no reading): from
    /// ``characterReadings``, else ICU's; flagged with ``wordPart`` when a word may read it otherwise.
    fileprivate static func transliterate(_ scalar: Unicode.Scalar) -> UInt64 {
        let flag = wordReadings.keys.contains { $0.unicodeScalars.contains(scalar) } ? wordPart : 0
        if let reading = characterReadings[scalar] { return pack(reading.utf8) | flag }
        let latin = String(Character(scalar)).applyingTransform(StringTransform("Han-Latin; Latin-ASCII"), reverse: false) ?? ""
        // A character ICU cannot read comes back as itself, which this filter empties.
        return pack(latin.utf8.lazy.compactMap(asciiAlphanumeric).filter { $0 >= UInt8(ascii: "a") }) | flag
    }

    /// Syllables by scalar: a flat array for the basic CJK block, where nearly every character of
    /// a name lies, and a dictionary for the rest. Known entries carry bit 55, so that a character
    /// without a reading is not looked up again.
    fileprivate struct Table {
        private static let basicBlock: ClosedRange<UInt32> = 0x4E00...0x9FFF
        private static let known: UInt64 = 1 << 55
        private var basic: [UInt64] = []
        private var others: [UInt32: UInt64] = [:]

        /// The packed syllable `scalar` contributes, or 0 if it is dropped.
        mutating func syllable(_ scalar: Unicode.Scalar) -> UInt64 {
            var value = scalar.value
            // Full-width ASCII (U+FF01…U+FF5E) sits at a fixed offset from ASCII.
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            if value < 0x80 {
                return Pinyin.asciiAlphanumeric(UInt8(value)).map { UInt64($0) | 1 << 56 } ?? 0
            }
            if Self.basicBlock.contains(value) {
                if basic.isEmpty { basic = Array(repeating: 0, count: Self.basicBlock.count) }
                let index = Int(value - Self.basicBlock.lowerBound)
                if basic[index] == 0 { basic[index] = Pinyin.transliterate(scalar) | Self.known }
                return basic[index] & ~Self.known
            }
            guard scalar.properties.isIdeographic else { return 0 }
            if let cached = others[value] { return cached }
            let syllable = Pinyin.transliterate(scalar)
            others[value] = syllable
            return syllable
        }
    }
}
