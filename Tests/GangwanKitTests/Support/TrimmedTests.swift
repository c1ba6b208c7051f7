import Testing
@testable import GangwanKit

/// `trimmed` answers most texts from their first and last bytes; the slow path must agree.
@Suite struct TrimmedTests {
    @Test func asciiAndFullWidthSpacesAreTrimmedAtBothEnds() {
        #expect(" 西宁 ".trimmed == "西宁")
        #expect("\u{3000}西宁驿站\u{3000}".trimmed == "西宁驿站")
        #expect("\t36.6171\r\n".trimmed == "36.6171")
        #expect("\u{00A0}water\u{2003}".trimmed == "water")
        #expect(" \u{3000} ".trimmed.isEmpty)
        #expect("".trimmed.isEmpty)
    }

    @Test func textWithNothingToTrimComesBackWhole() {
        #expect("城中区南大街12号".trimmed == "城中区南大街12号")
        #expect("劳动者港湾".trimmed == "劳动者港湾")
        #expect("café\u{301}".trimmed == "café\u{301}")
        #expect("Ｇ１０９".trimmed == "Ｇ１０９")
        #expect("a b".trimmed == "a b")
    }

    @Test func aSpaceCarryingACombiningMarkIsStillTrimmed() {
        // One character whose first scalar is a space: `Character.isWhitespace` says it is white space.
        #expect("站 \u{301}".trimmed == "站")
    }
}
