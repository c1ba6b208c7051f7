import Foundation
import GRDB
import Testing
@testable import GangwanKit

@Suite struct WorkerStoreTests {
    let db: GangwanDatabase
    let key = PersonalDataKey.generate()

    init() throws {
        db = try GangwanDatabase.inMemory()
    }

    func fields(_ name: String = "张三", group: String = "gig", idNumber: String? = "630102198506151239", phone: String? = "13812345678") -> WorkerFields {
        TestData.workerFields(name: name, group: group, idNumber: idNumber, phone: phone)
    }

    func rowCount(_ table: String) throws -> Int {
        try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)")! }
    }

    @Test func addedWorkerReadsBackWithPersonalDataOpened() throws {
        var typed = fields()
        typed.occupation = "外卖骑手"
        typed.platform = "美团"
        typed.relationship = "不完全符合确立劳动关系情形"
        let added = try db.addWorker(typed, key: key, actor: "王芳", now: TestData.now)
        let read = try db.worker(String(added.id.storedText.dropLast(4)), key: key)
        #expect(read == added)
        #expect(read.idNumber?.value == "630102198506151239")
        #expect(read.occupation == .rider)
        #expect(read.relationship == .partial)
    }

    @Test func sameIDNumberIsRefusedNamingTheExistingWorker() throws {
        let first = try db.addWorker(fields(), key: key, actor: "a", now: TestData.now)
        #expect(throws: CaseworkError.duplicateWorker(existing: first.id)) {
            try db.addWorker(fields("张三丰", idNumber: "６３０１０２１９８５０６１５１２３９"), key: key, actor: "a", now: TestData.now)
        }
        #expect(try rowCount("worker") == 1)
        #expect(try rowCount("audit") == 1)
    }

    @Test func findGoesThroughTheBlindIndex() throws {
        let a = try db.addWorker(fields(), key: key, actor: "a", now: TestData.now)
        let b = try db.addWorker(fields("李四", idNumber: "11010519491231002X", phone: "+86 138 1234 5678"), key: key, actor: "a", now: TestData.now)
        _ = try db.addWorker(fields("王五", idNumber: nil, phone: "0971-8123456"), key: key, actor: "a", now: TestData.now)
        #expect(try db.workers(WorkerFilter(idNumber: IDNumber(parsing: "11010519491231002x")), key: key).map(\.id) == [b.id])
        #expect(Set(try db.workers(WorkerFilter(phone: PhoneNumber(parsing: "138 1234 5678")), key: key).map(\.id)) == [a.id, b.id])
        #expect(try db.workers(WorkerFilter(phone: PhoneNumber(parsing: "13912345678")), key: key).isEmpty)
        #expect(try db.workers(WorkerFilter(name: "李"), key: key).map(\.id) == [b.id])
    }

    @Test func detailsOfAnotherGroupAreRefused() throws {
        var typed = fields(group: "migrant")
        typed.hardshipCause = "因病"
        let error = #expect(throws: FieldError.self) { try db.addWorker(typed, key: key, actor: "a", now: TestData.now) }
        #expect(error?.field == "hardship-cause")
        #expect(try rowCount("worker") == 0)
    }

    @Test func changingGroupDropsTheOldGroupsDetails() throws {
        var typed = fields(group: "hardship")
        typed.hardshipCategory = "低保户"
        typed.hardshipCause = "illness"
        let added = try db.addWorker(typed, key: key, actor: "a", now: TestData.now)
        var change = WorkerFields()
        change.group = "migrant"
        change.hukouRegion = "620102"
        let updated = try db.updateWorker(added.id.storedText, change, key: key, actor: "b", now: TestData.now)
        #expect(updated.hardshipCategory == nil && updated.hardshipCause == nil)
        #expect(updated.hukouRegion == "620102")
        #expect(updated.actor == "b")
    }

    @Test func wrongKeyIsRefusedNotGarbage() throws {
        let added = try db.addWorker(fields(), key: key, actor: "a", now: TestData.now)
        #expect(throws: PrivacyError.self) { try db.worker(added.id.storedText, key: PersonalDataKey.generate()) }
        #expect(throws: PrivacyError.self) { try db.addWorker(fields("李四", idNumber: nil), key: PersonalDataKey.generate(), actor: "a", now: TestData.now) }
    }

    @Test func keyFileIsCreatedOnlyWhileTheDatabaseHoldsNoSealedData() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-\(UUID().uuidString)")
        let file = KeyFile(path: folder.appendingPathComponent("key").path)
        let created = try db.personalDataKey(from: file)
        _ = try db.addWorker(fields(), key: created, actor: "a", now: TestData.now)
        try FileManager.default.removeItem(atPath: file.path)
        #expect(throws: PrivacyError.missingKey(path: file.path, fingerprint: created.fingerprint)) { try db.personalDataKey(from: file) }
        #expect(!file.exists)
        _ = try file.create()
        #expect(throws: PrivacyError.self) { try db.personalDataKey(from: file) }
    }

    @Test func revealIsAuditedAndAuditHoldsNoPersonalData() throws {
        let added = try db.addWorker(fields(), key: key, actor: "a", now: TestData.now)
        _ = try db.revealWorker(added.id.storedText, key: key, actor: "审计员", now: TestData.now)
        let trail = try db.auditTrail()
        #expect(trail.map(\.action) == ["worker.add", "worker.reveal"])
        #expect(trail[1].actor == "审计员")
        #expect(trail[1].detail == ["id_number": "(revealed)", "phone": "(revealed)"])
        let everything = trail.map { "\($0.detail)" }.joined()
        #expect(!everything.contains("13812345678") && !everything.contains("630102198506151239"))
    }

    @Test func plaintextNeverReachesTheDatabaseFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("g.sqlite").path
        let fileDB = try GangwanDatabase.open(path: path)
        let added = try fileDB.addWorker(fields(), key: key, actor: "a", now: TestData.now)
        var change = WorkerFields()
        change.phone = "0971-8123456"
        _ = try fileDB.updateWorker(added.id.storedText, change, key: key, actor: "a", now: TestData.now)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        var bytes = Data()
        for file in files { bytes += try Data(contentsOf: folder.appendingPathComponent(file)) }
        #expect(files.contains("g.sqlite"))
        for secret in ["630102198506151239", "13812345678", "8123456", "0971-8123456"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) found in the database files")
        }
    }
}
