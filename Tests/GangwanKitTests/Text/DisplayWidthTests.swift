import Testing
@testable import GangwanKit

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneCellPerCharacter() {
        #expect("Xining 101".displayWidth == 10)
        #expect("".displayWidth == 0)
    }

    @Test func chineseIsTwoCellsPerCharacter() {
        #expect("西宁市城中区".displayWidth == 12)
    }

    @Test func mixedTextAddsUp() {
        #expect("G109国道驿站".displayWidth == 12)
    }

    @Test func fullWidthAndCJKPunctuationAreTwoCells() {
        #expect("，！（）".displayWidth == 8)
        #expect("。「」、".displayWidth == 8)
        #expect("\u{3000}".displayWidth == 2)
        #expect("￥".displayWidth == 2)
    }

    @Test func halfWidthKatakanaIsOneCell() {
        #expect("ｶﾀｶﾅ".displayWidth == 4)
    }

    @Test func hangulAndKanaAreTwoCells() {
        #expect("한국".displayWidth == 4)
        #expect("カタカナ".displayWidth == 8)
        // Decomposed Hangul (leading + vowel + trailing jamo) is still one two-cell syllable.
        #expect("\u{1112}\u{1161}\u{11AB}".displayWidth == 2)
    }

    @Test func combiningMarksTakeNoCell() {
        #expect("e\u{301}".displayWidth == 1)
        #expect("a\u{308}\u{301}b".displayWidth == 2)
        #expect("\u{301}".displayWidth == 0)
    }

    @Test func zeroWidthCharactersTakeNoCell() {
        #expect("a\u{200B}b".displayWidth == 2)
        #expect("西\u{FEFF}宁".displayWidth == 4)
    }

    @Test func emojiAreTwoCells() {
        #expect("👍".displayWidth == 2)
        #expect("❤️".displayWidth == 2)
        #expect("👨‍👩‍👧".displayWidth == 2)
        #expect("🇨🇳".displayWidth == 2)
    }

    @Test func paddingFillsCellsNotCharacters() {
        #expect("西宁".padded(toWidth: 6) == "西宁  ")
        #expect("ab".padded(toWidth: 6) == "ab    ")
    }

    @Test func paddingNeverCutsOrShrinks() {
        #expect("西宁市".padded(toWidth: 4) == "西宁市")
    }

    @Test func truncationKeepsTextThatFits() {
        #expect("西宁".truncated(toWidth: 4) == "西宁")
        #expect("abc".truncated(toWidth: 3) == "abc")
    }

    @Test func truncationCutsByCellsAndAddsAnEllipsis() {
        #expect("abcdef".truncated(toWidth: 4) == "abc…")
        #expect("西宁市城中区".truncated(toWidth: 7) == "西宁市…")
    }

    @Test func truncationDropsAWideCharacterThatWouldStraddleTheLimit() {
        let cut = "西宁市城中区".truncated(toWidth: 6)
        #expect(cut == "西宁…")
        #expect(cut.displayWidth == 5)
    }

    @Test func truncationToNothingIsEmpty() {
        #expect("西宁".truncated(toWidth: 0) == "")
        #expect("西宁".truncated(toWidth: 1) == "…")
    }
}
