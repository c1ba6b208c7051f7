import Foundation
import GRDB
import Testing
@testable import GangwanKit

@Suite struct StationSearchTests {
    let db: GangwanDatabase

    init() throws {
        db = try GangwanDatabase.inMemory()
        for (name, region, address) in [
            ("西宁市城中区南大街劳动者港湾", "630103", "西宁市城中区南大街12号"),
            ("湟源县城关镇工会驿站", "630123", "湟源县城关镇东大街5号"),
            ("格尔木市昆仑路环卫工人爱心驿站", "632801", "格尔木市昆仑中路8号"),
            ("中国邮政西宁市城东区分公司爱心驿站", "630102", "西宁市城东区八一路3号"),
        ] {
            var fields = TestData.fields(name: name, region: region)
            fields.address = address
            _ = try db.addStation(fields, crs: .wgs84, actor: "t")
        }
    }

    func names(_ text: String, region: String? = nil) throws -> Set<String> {
        Set(try db.searchStations(text, regionPrefix: region).map(\.name))
    }

    @Test func oneChineseCharacterFindsNamesAndAddresses() throws {
        #expect(try names("邮") == ["中国邮政西宁市城东区分公司爱心驿站"])
        #expect(try names("昆") == ["格尔木市昆仑路环卫工人爱心驿站"])
    }

    @Test func twoChineseCharactersFindAllContainingThem() throws {
        #expect(try names("驿站").count == 3)
        #expect(try names("西宁") == ["西宁市城中区南大街劳动者港湾", "中国邮政西宁市城东区分公司爱心驿站"])
    }

    @Test func manyCharactersUseTheTrigramIndex() throws {
        #expect(try names("爱心驿站") == ["格尔木市昆仑路环卫工人爱心驿站", "中国邮政西宁市城东区分公司爱心驿站"])
        #expect(try names("昆仑中路") == ["格尔木市昆仑路环卫工人爱心驿站"])
    }

    @Test func aStationHoldingEveryTrigramButNotTheTextIsNotFound() throws {
        // 宁市城 in the name and 市城东 in the address, but nowhere 宁市城东.
        var fields = TestData.fields(name: "海宁市城关驿站", region: "630103")
        fields.address = "市城东路1号"
        _ = try db.addStation(fields, crs: .wgs84, actor: "t")
        #expect(try names("宁市城东") == ["中国邮政西宁市城东区分公司爱心驿站"])
        #expect(try names("宁市城") == ["海宁市城关驿站", "西宁市城中区南大街劳动者港湾", "中国邮政西宁市城东区分公司爱心驿站"])
    }

    @Test func latinLettersInAChineseQueryMatchInEitherCase() throws {
        var fields = TestData.fields(name: "万达广场B座驿站", region: "630103")
        fields.address = "城西区五四西路"
        _ = try db.addStation(fields, crs: .wgs84, actor: "t")
        #expect(try names("b座驿站") == ["万达广场B座驿站"])
        #expect(try names("场B座") == ["万达广场B座驿站"])
    }

    @Test func lettersBeyondASCIIMatchInEitherCaseToo() throws {
        for (name, address) in [("万达广场Ａ座驿站", "城西区"), ("万达广场ａ座驿站", "城北区"), ("ÉCOLE港湾", "城东区"), ("école港湾", "城中区")] {
            var fields = TestData.fields(name: name, region: "630103")
            fields.address = address
            _ = try db.addStation(fields, crs: .wgs84, actor: "t")
        }
        #expect(try names("ａ座驿站") == ["万达广场Ａ座驿站", "万达广场ａ座驿站"])
        #expect(try names("Ａ座") == ["万达广场Ａ座驿站", "万达广场ａ座驿站"])
        #expect(try names("école港") == ["ÉCOLE港湾", "école港湾"])
        #expect(try names("ÉCOLE") == ["ÉCOLE港湾", "école港湾"])
    }

    @Test func theLongestRunOfIdeographsIsFound() {
        #expect(GangwanDatabase.longestIdeographRun(in: "Ｂ栋") == "栋")
        #expect(GangwanDatabase.longestIdeographRun(in: "万达Ａ座驿站Ｂ") == "座驿站")
        #expect(GangwanDatabase.longestIdeographRun(in: "西宁") == "西宁")
        #expect(GangwanDatabase.longestIdeographRun(in: "ÉCOLE") == nil)
    }

    @Test func aTextLongerThanAnyNameIsRefused() throws {
        #expect {
            _ = try db.searchStations(String(repeating: "西宁", count: 60))
        } throws: { error in
            (error as? FieldError)?.field == "text" && (error as? FieldError)?.reason.contains("100") == true
        }
        #expect(try names(String(repeating: "驿", count: 100)).isEmpty)
    }

    @Test func answersAreOrderedByName() throws {
        let found = try db.searchStations("爱心驿站").map(\.name)
        #expect(found == found.sorted())
        #expect(found.count == 2)
    }

    @Test func aDatabaseIndexedBeforeTheIndexLostItsPositionsIsSearchedAfterItsUpgrade() throws {
        let queue = try DatabaseQueue()
        try GangwanDatabase.migrator.migrate(queue, upTo: "v4-sync")
        try queue.write { db in
            for (seq, name, address) in [(1, "海宁市城关驿站", "市城东路1号"), (2, "西宁市城东区爱心驿站", "八一路3号")] {
                try db.execute(sql: """
                    INSERT INTO station (seq, id, name, kind, status, region, address, lat, lon, services,
                                         created_at, updated_at, actor, name_pinyin, name_initials)
                    VALUES (?, ?, ?, 'harbor', 'open', '630103', ?, 36.6, 101.8, 0, '2026-01-01', '2026-01-01', 't', '', '')
                    """, arguments: [seq, UUID().uuidString.lowercased(), name, address])
            }
        }
        let upgraded = try GangwanDatabase(queue)
        try BulkIndexingTests.checkTrigramIndex(upgraded)
        #expect(try upgraded.searchStations("宁市城东").map(\.name) == ["西宁市城东区爱心驿站"])
        #expect(try upgraded.searchStations("市城东路").map(\.name) == ["海宁市城关驿站"])
    }

    /// Names spelled before the place-name readings are spelled again on upgrade: `ledu` finds
    /// 乐都, and a name without a revised character keeps its spelling.
    @Test func namesSpelledBeforeThePlaceNameReadingsAreSpelledAgain() throws {
        let queue = try DatabaseQueue()
        try GangwanDatabase.migrator.migrate(queue, upTo: "v7-push-batch-order")
        try queue.write { db in
            for (seq, name, pinyin, initials) in [(1, "乐都区碾伯镇驿站", "leduoqunianbozhenyizhan", "ldqnbzyz"), (2, "湟源县驿站", "kept", "k")] {
                try db.execute(sql: """
                    INSERT INTO station (seq, id, name, kind, status, region, address, lat, lon, services,
                                         created_at, updated_at, actor, name_pinyin, name_initials)
                    VALUES (?, ?, ?, 'harbor', 'open', '630202', '', 36.5, 102.4, 0, '2026-01-01', '2026-01-01', 't', ?, ?)
                    """, arguments: [seq, UUID().uuidString.lowercased(), name, pinyin, initials])
            }
        }
        let upgraded = try GangwanDatabase(queue)
        #expect(try upgraded.searchStations("ledu").map(\.name) == ["乐都区碾伯镇驿站"])
        let spellings = try queue.read { try Row.fetchAll($0, sql: "SELECT name_pinyin, name_initials FROM station ORDER BY seq") }
        #expect(spellings.map { $0[0] as String } == ["leduqunianbozhenyizhan", "kept"])
    }

    @Test func fullPinyinAndInitialsFindTheName() throws {
        #expect(try names("geermu") == ["格尔木市昆仑路环卫工人爱心驿站"])
        #expect(try names("huangyuan") == ["湟源县城关镇工会驿站"])
        #expect(try names("hyx") == ["湟源县城关镇工会驿站"])
        #expect(try names("GEERMU") == ["格尔木市昆仑路环卫工人爱心驿站"])
    }

    @Test func regionPrefixNarrowsTheSearch() throws {
        #expect(try names("驿站", region: "6301") == ["湟源县城关镇工会驿站", "中国邮政西宁市城东区分公司爱心驿站"])
        #expect(try names("爱心驿站", region: "6328") == ["格尔木市昆仑路环卫工人爱心驿站"])
    }

    @Test func likeWildcardsAndQuotesAreTakenLiterally() throws {
        #expect(try names("%").isEmpty)
        #expect(try names("_").isEmpty)
        #expect(try names("\"驿站\" OR x").isEmpty)
    }

    @Test func removedStationsAreNotFound() throws {
        let station = try #require(try db.searchStations("湟源").first)
        _ = try db.removeStation(station.id.uuidString, actor: "t")
        #expect(try names("湟源").isEmpty)
        #expect(try names("huangyuan").isEmpty)
    }

    @Test func renamedStationIsFoundByItsNewName() throws {
        let station = try #require(try db.searchStations("湟源").first)
        var change = StationFields()
        change.name = "湟源县日月山驿站"
        _ = try db.updateStation(station.id.uuidString, change, crs: .wgs84, actor: "t")
        #expect(try names("日月山") == ["湟源县日月山驿站"])
        #expect(try names("城关镇工会").isEmpty)
        try BulkIndexingTests.checkTrigramIndex(db)
    }
}
