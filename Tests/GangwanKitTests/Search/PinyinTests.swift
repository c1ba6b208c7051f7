import Testing
@testable import GangwanKit

@Suite struct PinyinTests {
    @Test func xining() {
        #expect(Pinyin.full("西宁") == "xining")
        #expect(Pinyin.initials("西宁") == "xn")
    }

    @Test func chengzhongqu() {
        #expect(Pinyin.full("城中区") == "chengzhongqu")
        #expect(Pinyin.initials("城中区") == "czq")
    }

    @Test func golmudKeepsTheBareVowelSyllable() {
        #expect(Pinyin.full("格尔木") == "geermu")
        #expect(Pinyin.initials("格尔木") == "gem")
    }

    @Test func wholeDistrictName() {
        #expect(Pinyin.full("西宁市城中区") == "xiningshichengzhongqu")
        #expect(Pinyin.initials("西宁市城中区") == "xnsczq")
    }

    @Test func asciiLettersAndDigitsAreKeptLowercaseAsTheirOwnInitials() {
        #expect(Pinyin.full("G109国道驿站") == "g109guodaoyizhan")
        #expect(Pinyin.initials("G109国道驿站") == "g109gdyz")
    }

    @Test func fullWidthLettersAndDigitsAreFoldedToASCII() {
        #expect(Pinyin.full("Ｇ１０９国道") == "g109guodao")
    }

    @Test func punctuationSpacesAndSymbolsAreDropped() {
        #expect(Pinyin.full("西宁（城中）· 驿站!") == "xiningchengzhongyizhan")
        #expect(Pinyin.initials("西宁（城中）· 驿站!") == "xnczyz")
    }

    @Test func otherScriptsAreDropped() {
        #expect(Pinyin.full("西宁ཟི་ལིང་") == "xining")
    }

    @Test func emptyTextGivesEmptySpellings() {
        #expect(Pinyin.full("") == "")
        #expect(Pinyin.initials("") == "")
    }

    /// Qinghai's own places come out as people type them: ICU alone read 乐都 `ledou`, 都兰
    /// `doulan`, 称多 `chengduo`, 长江 `zhangjiang` and 银行 `yinxing`.
    @Test func polyphonesTakeTheReadingsOfPlaceAndStationNames() {
        #expect(Pinyin.full("海东市乐都区") == "haidongshileduqu")
        #expect(Pinyin.full("都兰县") == "dulanxian")
        #expect(Pinyin.spell("称多县") == ("chenduoxian", "cdx"))
        #expect(Pinyin.full("长江路") == "changjianglu")
        #expect(Pinyin.spell("工商银行西宁支行") == ("gongshangyinhangxiningzhihang", "gsyhxnzh"))
        // Only the two characters side by side make the word.
        #expect(Pinyin.full("银·行") == "yinxing" && Pinyin.full("称") == "cheng" && Pinyin.full("行多") == "xingduo")
        #expect(Pinyin.full("步行街") == "buxingjie")
    }

    @Test func spellGivesBothAtOnce() {
        let both = Pinyin.spell("湟源县城关镇工会驿站")
        #expect(both.full == Pinyin.full("湟源县城关镇工会驿站"))
        #expect(both.initials == "hyxcgzghyz")
        #expect(both.full == "huangyuanxianchengguanzhengonghuiyizhan")
    }

    @Test func repeatedCallsAgree() {
        let first = Pinyin.full("格尔木市昆仑路环卫工人爱心驿站")
        for _ in 0..<3 {
            #expect(Pinyin.full("格尔木市昆仑路环卫工人爱心驿站") == first)
        }
        #expect(first == "geermushikunlunluhuanweigongrenaixinyizhan")
    }

    @Test func concurrentCallsAgree() async {
        let names = ["玉树州结古镇爱心驿站", "海东市乐都区劳动者港湾", "德令哈市工会驿站", "共和县恰卜恰镇驿站"]
        let expected = names.map(Pinyin.full)
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { names.map(Pinyin.full) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
    }
}
