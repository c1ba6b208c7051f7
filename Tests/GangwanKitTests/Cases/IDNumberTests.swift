import Foundation
import Testing
@testable import GangwanKit

@Suite struct IDNumberTests {
    @Test(arguments: ["11010519491231002X", "440524198001010013", "630102198506151239", "632122199001015671"])
    func validNumbersAreAccepted(_ number: String) throws {
        #expect(try IDNumber(parsing: number, today: TestData.now).value == number)
    }

    @Test func lowerCaseXSpacesAndFullWidthDigitsAreNormalised() throws {
        #expect(try IDNumber(parsing: " 110105 19491231 002x ").value == "11010519491231002X")
        #expect(try IDNumber(parsing: "６３０１０２１９８５０６１５１２３９").value == "630102198506151239")
    }

    @Test func wrongCheckDigitIsRefusedWithoutShowingTheNumber() {
        let error = #expect(throws: FieldError.self) { try IDNumber(parsing: "630102198506151238") }
        #expect(error?.field == "id-number")
        #expect(error?.localizedDescription.contains("check digit") == true)
        #expect(error?.localizedDescription.contains("630102198506151238") == false)
        #expect(error?.value == "630102********1238")
    }

    @Test func impossibleBirthDateIsRefusedEvenWithAGoodChecksum() {
        // 1978-02-30, check digit computed correctly.
        let error = #expect(throws: FieldError.self) { try IDNumber(parsing: "620102197802301231") }
        #expect(error?.reason.contains("birth date") == true)
    }

    @Test func birthInTheFutureIsRefused() {
        #expect(throws: FieldError.self) { try IDNumber(parsing: "630102198506151239", today: ShanghaiTime.date(fromDay: "1985-06-14")!) }
    }

    @Test(arguments: ["990102198506151235", "630000198506151230"])
    func implausibleRegionPrefixIsRefused(_ number: String) {
        let error = #expect(throws: FieldError.self) { try IDNumber(parsing: number) }
        #expect(error?.reason.contains("region") == true)
    }

    @Test(arguments: ["63010219850615123", "6301021985061512390", "63010219850615123Y", ""])
    func wrongShapeIsRefused(_ text: String) {
        #expect(throws: FieldError.self) { try IDNumber(parsing: text) }
    }

    @Test func maskKeepsRegionAndLastFour() throws {
        #expect(try IDNumber(parsing: "11010519491231002X").masked == "110105********002X")
    }

    @Test func interpolatingAWorkerNeverPrintsItsNumbers() throws {
        var worker = Worker(name: "张三", group: .gig, createdAt: TestData.now, updatedAt: TestData.now, actor: "a")
        worker.idNumber = try IDNumber(parsing: "11010519491231002X")
        worker.phone = try PhoneNumber(parsing: "13812345678")
        for text in ["\(worker)", String(reflecting: worker), "\(worker.idNumber!) \(worker.phone!)"] {
            #expect(!text.contains("11010519491231002X") && !text.contains("13812345678"), "\(text)")
        }
        #expect(worker.idNumber!.shown(revealed: true) == "11010519491231002X")
    }
}

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("13812345678", "13812345678"), ("+86 138-1234-5678", "13812345678"), ("0086 19912345678", "19912345678"),
        ("0971-8123456", "0971-8123456"), ("0971 81234567", "0971-81234567"), ("010-62345678", "010-62345678"),
        ("(029)87654321", "029-87654321"), ("09718123456", "0971-8123456"),
    ])
    func numbersAreNormalised(_ typed: String, _ stored: String) throws {
        #expect(try PhoneNumber(parsing: typed).value == stored)
    }

    @Test(arguments: ["12812345678", "1381234567", "138123456789", "8123456", "0971-0123456", "0971-812345", "138abc45678", ""])
    func badNumbersAreRefused(_ typed: String) {
        let error = #expect(throws: FieldError.self) { try PhoneNumber(parsing: typed) }
        #expect(error?.field == "phone")
    }

    @Test func refusalNeverShowsTheWholeNumber() {
        let error = #expect(throws: FieldError.self) { try PhoneNumber(parsing: "12812345678") }
        #expect(error?.localizedDescription.contains("12812345678") == false)
    }

    @Test func masksKeepTheLastFour() throws {
        #expect(try PhoneNumber(parsing: "13812345678").masked == "138****5678")
        #expect(try PhoneNumber(parsing: "0971-8123456").masked == "0971-***3456")
    }
}

@Suite struct MoneyTests {
    @Test(arguments: [("1500", Int64(150_000)), ("1500.5", 150_050), ("1500.50", 150_050), ("0.01", 1), ("0", 0), (" 12.3 ", 1230), ("00000000000000001", 100), ("000.50", 50)])
    func yuanBecomeFen(_ typed: String, _ fen: Int64) throws {
        #expect(try Money.fen(fromYuan: typed) == fen)
    }

    @Test(arguments: ["-5", "1.234", "abc", "1,500", "", ".5", "5.", "1e3", "¥100", "100000000.01", "99999999999999999999"])
    func badAmountsAreRefused(_ typed: String) {
        let error = #expect(throws: FieldError.self) { try Money.fen(fromYuan: typed) }
        #expect(error?.field == "amount")
    }

    @Test func fenPrintAsYuanWithTwoDecimals() {
        #expect(Money.yuan(150_050) == "1500.50")
        #expect(Money.yuan(7) == "0.07")
        #expect(Money.yuan(-20_000) == "-200.00")
    }
}

@Suite struct CaseStatusTests {
    @Test func transitionsFollowTheLifecycle() {
        let allowed: [CaseStatus: Set<CaseStatus>] = [
            .open: [.inProgress, .referred], .inProgress: [.resolved, .referred], .referred: [.inProgress, .resolved],
            .resolved: [.closed, .reopened], .closed: [.reopened], .reopened: [.inProgress],
        ]
        for from in CaseStatus.allCases {
            #expect(Set(from.next) == allowed[from], "from \(from)")
        }
    }

    @Test func wageArrearsAreUrgentAndDueInFifteenDays() {
        #expect(CaseType.wageArrears.defaultDueDays == 15)
        #expect(CaseType.wageArrears.defaultPriority == .urgent)
        #expect(CaseType.allCases.filter { $0 != .wageArrears }.allSatisfy { $0.defaultDueDays == 30 && $0.defaultPriority == .normal })
    }
}
