import Foundation
import Testing
@testable import GangwanKit

/// The sync messages' JSON: written and read without `JSONEncoder`/`JSONDecoder`, so checked here
/// against Foundation's `JSONSerialization` and against JSON spelled in every way RFC 8259 allows.
@Suite struct SyncJSONTests {
    /// Text that needs every kind of escape, and characters of one to four UTF-8 bytes.
    static let awkward = ["", "王芳", "a\"b\\c/d", "tab\there\nnew line\r", "\u{0}\u{1}\u{1f}\u{7f}", "表情😀", "ü", " spaced "]

    func randomChange(_ generator: inout some RandomNumberGenerator) -> SyncChange {
        func text() -> String { Self.awkward.randomElement(using: &generator)! + String(Int.random(in: 0..<1000, using: &generator)) }
        func clock() -> HybridClock.Timestamp {
            HybridClock.Timestamp(
                wall: UInt64.random(in: 0..<(1 << 48), using: &generator), counter: UInt16.random(in: 0...UInt16.max, using: &generator),
                node: UInt64.random(in: 0...UInt64.max, using: &generator))
        }
        var fields: [String: String?] = [:]
        for name in Station.syncFieldNames.shuffled(using: &generator).prefix(Int.random(in: 0...16, using: &generator)) {
            fields[name] = Bool.random(using: &generator) ? text() : nil
        }
        let names = Array(fields.keys)
        return SyncChange(
            entity: SyncEntity.allCases.randomElement(using: &generator)!, id: UUID(), hlc: clock(), actor: text(), fields: fields,
            clocks: Dictionary(uniqueKeysWithValues: names.prefix(2).map { ($0, clock()) }),
            bases: Dictionary(uniqueKeysWithValues: names.suffix(3).map { ($0, clock()) }))
    }

    @Test func batchesAndPagesReadBackToWhatWasWritten() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let changes = (0..<Int.random(in: 0...20)).map { _ in randomChange(&generator) }
            let batch = PushBatch(changes: changes)
            #expect(try PushBatch(json: batch.json) == batch)
            let scope = [nil, [], ["63"], ["6301", "630202"]].randomElement()!
            let page = PullPage(changes: changes, cursor: Self.awkward.randomElement()!, more: Bool.random(), scope: scope)
            #expect(try PullPage(json: page.json) == page)
            let answer = PushAnswer(results: changes.map { change in
                ChangeResult(changeID: change.changeID, result: .rejected, reason: "out_of_scope", current: Bool.random() ? change : nil)
            })
            #expect(try PushAnswer(json: answer.json) == answer)
        }
    }

    @Test func whatIsWrittenIsJSONThatFoundationReadsToTheSameValues() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let change = randomChange(&generator)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(change.json)) as? [String: Any])
            #expect(object["id"] as? String == change.id.storedText)
            #expect(object["actor"] as? String == change.actor)
            #expect(object["hlc"] as? String == change.hlc.text)
            let fields = try #require(object["fields"] as? [String: Any])
            #expect(fields.count == change.fields.count)
            for (name, value) in change.fields {
                if let value { #expect(fields[name] as? String == value) } else { #expect(fields[name] is NSNull) }
            }
            #expect((object["clocks"] as? [String: String] ?? [:]) == change.clocks.mapValues(\.text))
            #expect((object["bases"] as? [String: String] ?? [:]) == change.bases.mapValues(\.text))
        }
    }

    @Test func answersReadBackAndLeaveOutAMissingReason() throws {
        let answer = PushAnswer(results: [
            ChangeResult(changeID: "a@1", result: .applied), ChangeResult(changeID: "b@2", result: .superseded),
            ChangeResult(changeID: "c@3", result: .rejected, reason: "invalid: name: \"引号\"\n"),
        ])
        #expect(try PushAnswer(json: answer.json) == answer)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(answer.json)) as? [String: [[String: String]]])
        #expect(object["results"]?.map { $0.keys.sorted() } == [["change_id", "result"], ["change_id", "result"], ["change_id", "reason", "result"]])
        #expect(object["results"]?.last?["reason"] == "invalid: name: \"引号\"\n")
        #expect(throws: JSONFormatError.self) { _ = try PushAnswer(json: Data(#"{"results":[{"change_id":"a","result":"lost"}]}"#.utf8)) }
    }

    @Test func keysAreWrittenSortedAndCompact() {
        let change = SyncChange(
            entity: .station, id: UUID(uuidString: "00000000-0000-4000-8000-000000000001")!,
            hlc: HybridClock.Timestamp(wall: 1, counter: 2, node: 3), actor: "甲", fields: ["seats": "4", "phone": nil])
        #expect(String(decoding: change.json, as: UTF8.self) == """
            {"actor":"甲","entity":"station","fields":{"phone":null,"seats":"4"},\
            "hlc":"000000000001-0002-0000000000000003","id":"00000000-0000-4000-8000-000000000001"}
            """)
    }

    @Test func jsonSpelledAnyValidWayIsRead() throws {
        let text = """
             { "more" : false ,\t"unknown": [1, -2.5e3, true, null, {"x": {}}, []],
              "cursor":"a\\/b\\u00e9\\ud83d\\ude00",
              "changes" : [ { "id" : "00000000-0000-4000-8000-000000000001", "entity":"event",
                "hlc":"000000000001-0002-0000000000000003", "actor":"\\u738b\\u82b3", "extra": {"nested": [null]},
                "fields":{ "text" : "line\\nbreak \\"quoted\\"", "corrects": null } } ] }\r\n
            """
        let page = try PullPage(json: Data(text.utf8))
        #expect(page.cursor == "a/bé😀")
        #expect(page.more == false)
        let change = try #require(page.changes.first)
        #expect(change.actor == "王芳")
        #expect(change.fields == ["text": "line\nbreak \"quoted\"", "corrects": nil])
        #expect(change.clocks.isEmpty && change.bases.isEmpty)
    }

    @Test(arguments: [
        (#"{"changes":[{"entity":"station","id":"not-a-uuid","hlc":"x","actor":"a","fields":{}}]}"#, "changes.0.id: is not a UUID"),
        (#"{"changes":[]"#, "the text ends too soon"),
        (#"{"changes":[]} x"#, "unexpected text after the end"),
        (#"{"changes":[],}"#, "expected a string"),
        (#"{"cursor":"c","more":true}"#, "changes: is missing"),
        (#"{"changes":[{"entity":"ship"}]}"#, "changes.0.entity: is not one of station, worker, case, event"),
        (#"{"changes":[{"hlc":"000000000001-0002-000000000000000G"}]}"#, "changes.0.hlc: is not a hybrid clock value"),
        (#"{"changes":[{"fields":{"name":7}}]}"#, "changes.0.fields.name: expected a string"),
        (#"{"changes":[{"actor":"\ud800"}]}"#, #"changes.0.actor: a \u escape of a high surrogate"#),
        (#"{"changes":[{"actor":"\u004"}]}"#, #"changes.0.actor: a \u escape needs four hex digits"#),
        (#"{"changes":[{"actor":"\ud800\u004"}]}"#, #"changes.0.actor: a \u escape"#),
        (#"{"changes":[{"actor":"unterminated}]}"#, "a string does not end"),
        ("{\"changes\":[{\"actor\":\"tab\there\"}]}", "changes.0.actor: a control character inside a string must be escaped"),
        (#"{"changes":[{"id":"00000000-0000-4000-8000-000000000001"}]}"#, "changes.0.entity: is missing"),
    ])
    func badJSONIsRefusedWithWhereAndWhy(text: String, message: String) {
        #expect {
            _ = try PushBatch(json: Data(text.utf8))
        } throws: { error in
            (error as? JSONFormatError)?.description.contains(message) == true
        }
    }

    /// Bytes that are not UTF-8 in a string, plain or with escapes; among them a truncated
    /// four-byte sequence, which decoding replaces with as many bytes as it had, an encoded
    /// surrogate and an overlong encoding of `/`.
    @Test(arguments: [[0xFF, 0xFE], [0xF0, 0x90, 0x80], [0xC3], [0x5C, 0x6E, 0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xC0, 0xAF]] as [[UInt8]])
    func invalidUTF8IsRefused(invalid: [UInt8]) {
        let bytes = Array(#"{"changes":[{"actor":"a"#.utf8) + invalid + Array(#"b"}]}"#.utf8)
        #expect {
            _ = try PushBatch(json: bytes)
        } throws: { error in
            (error as? JSONFormatError)?.description == "changes.0.actor: a string is not valid UTF-8 (byte \(bytes.count - 3))"
        }
    }

    @Test func validUTF8IsReadAsItIs() throws {
        let actor = "王芳 \u{1F600} é"
        let batch = try PushBatch(json: Array(#"{"changes":[{"actor":""#.utf8) + Array(actor.utf8) + Array(#"\n","entity":"event","id":"00000000-0000-4000-8000-000000000001","hlc":"000000000001-0002-0000000000000001","fields":{}}]}"#.utf8))
        #expect(batch.changes.first?.actor == actor + "\n")
    }

    /// A small body nested deeply under a key nobody reads once overflowed the stack of the hub
    /// skipping it (50,000 levels in 159 bytes of gzip); now the scanner stops at 32 levels.
    @Test func deepNestingIsRefusedWithoutOverflowingTheStack() throws {
        let text = #"{"x":"# + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + #","changes":[]}"#
        #expect {
            _ = try PushBatch(json: Data(text.utf8))
        } throws: { error in
            (error as? JSONFormatError)?.description.hasPrefix("x." + Array(repeating: "0", count: 31).joined(separator: ".") + ": nested deeper than 32 levels") == true
        }
        let shallow = #"{"x":"# + String(repeating: "[", count: 31) + String(repeating: "]", count: 31) + #","changes":[]}"#
        #expect(try PushBatch(json: Data(shallow.utf8)).changes.isEmpty)
    }
}
