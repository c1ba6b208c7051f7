import Foundation
import Testing

extension EndToEndTests {
    /// A hub and three offices — two in 西宁 (scopes 6301 and 630103), one in 海东 (6302) — work
    /// offline, edit the same records, and sync in varied orders.
    @Suite struct Convergence {
        /// What the offices did offline, to compare with what each office holds at the end.
        struct Logged {
            /// Event ids by case id, as `case log` printed them.
            var events: [String: [String]] = [:]
            /// Assistance in fen by case id.
            var assistance: [String: Int] = [:]
            var numbers: [String] = []

            /// Logs a note, or with `fen` an assistance of that many fen (given to `case log` in yuan).
            mutating func log(_ office: EndToEndOffice, case caseID: String, _ text: String, fen: Int? = nil) throws {
                let yuan = fen.map { String(format: "%d.%02d", $0 / 100, $0 % 100) }
                events[caseID, default: []].append(try office.logEvent(case: caseID, text, amount: yuan))
                if let fen { assistance[caseID, default: 0] += fen }
            }

            mutating func worker(_ office: EndToEndOffice, _ name: String, region: String, sequence: Int) throws -> String {
                let idNumber = EndToEndPeople.idNumber(region: region, birth: "19900101", sequence: sequence)
                let phone = EndToEndPeople.phone(8_800_000 + sequence)
                numbers += [idNumber, phone]
                return try office.addWorker(name, region: region, idNumber: idNumber, phone: phone)
            }
        }

        /// The orders the offices sync in: once after the first offline work, once after the second
        /// (the shared station's same-field edits reach the hub in one order or the other), each
        /// ending so that every office has pulled everything.
        enum Order: String, CaseIterable, Sendable {
            case chengzhongFirst, xiningFirst

            var rounds: [[String]] {
                switch self {
                case .chengzhongFirst:
                    [["chengzhong", "haidong", "xining", "chengzhong", "haidong"], ["haidong", "xining", "chengzhong", "xining", "haidong"]]
                case .xiningFirst:
                    [["xining", "haidong", "chengzhong", "xining"], ["chengzhong", "haidong", "xining", "chengzhong", "haidong"]]
                }
            }
        }

        @Test(arguments: Order.allCases)
        func threeOfficesSyncingInVariedOrdersConvergeWithinTheirScopes(order: Order) throws {
            let hub = try EndToEndHub()
            let xiningToken = try hub.issueToken(node: "xining", scope: "6301")
            let chengzhongToken = try hub.issueToken(node: "xining-chengzhong", scope: "630103")
            let haidongToken = try hub.issueToken(node: "haidong", scope: "6302")
            let xining = try EndToEndOffice("xining", token: xiningToken, endpoint: hub.baseURL)
            let chengzhong = try EndToEndOffice("chengzhong", token: chengzhongToken, endpoint: hub.baseURL)
            let haidong = try EndToEndOffice("haidong", token: haidongToken, endpoint: hub.baseURL)
            let offices = ["xining": xining, "chengzhong": chengzhong, "haidong": haidong]
            var logged = Logged()

            // Offline: each office registers stations, workers and cases in its own scope.
            let xiningStations = [
                try xining.addStation("城东区八一路劳动者港湾", region: "630102", seats: 10),
                try xining.addStation("城西区胜利路爱心驿站", region: "630104"),
            ]
            let shared = try chengzhong.addStation("城中区南大街劳动者港湾", region: "630103", seats: 6)
            let chengzhongStation = try chengzhong.addStation("城中区西门工会驿站", region: "630103")
            var haidongStations = [try haidong.addStation("乐都区碾伯镇劳动者港湾", region: "630202", lat: 36.48, lon: 102.40)]

            let workerEast = try logged.worker(xining, "马军", region: "630102", sequence: 11)
            let workerCentre = try logged.worker(xining, "李娜", region: "630103", sequence: 12)
            let workerChengzhong = try logged.worker(chengzhong, "韩梅", region: "630103", sequence: 13)
            let workerHaidong = try logged.worker(haidong, "祁明", region: "630202", sequence: 14)
            let caseEast = try xining.openCase(worker: workerEast, summary: "外卖骑手被拖欠两个月工资")
            let caseCentre = try xining.openCase(worker: workerCentre, summary: "快递员工资被克扣")
            let caseChengzhong = try chengzhong.openCase(worker: workerChengzhong, summary: "网约车司机欠薪")
            let caseHaidong = try haidong.openCase(worker: workerHaidong, summary: "货车司机运费被拖欠")
            try logged.log(xining, case: caseEast, "电话联系用人单位")
            try logged.log(xining, case: caseEast, "发放慰问金", fen: 20_000)
            try logged.log(xining, case: caseCentre, "约谈站点负责人")
            try logged.log(chengzhong, case: caseChengzhong, "上门走访")
            try logged.log(chengzhong, case: caseChengzhong, "临时救助", fen: 35_050)
            try logged.log(haidong, case: caseHaidong, "法律咨询")
            try logged.log(haidong, case: caseHaidong, "发放救助金", fen: 12_000)

            // First round; an office syncs again to receive what was pushed after it.
            for office in order.rounds[0].map({ offices[$0]! }) {
                let result = try office.sync()
                #expect(result.status == 0, "\(office.name): \(result)")
                #expect(result.stdout.range(of: #"^pushed \d+, pulled \d+, conflicts \d+, rejected 0\n$"#, options: .regularExpression) != nil,
                        "\(office.name): \(result)")
            }

            // Offline again: both 西宁 offices edit the shared station — different fields, and the same
            // field (seats), 城中's edit last — and log events on each other's cases.
            try xining.succeed("station", "update", shared, "--name", "城中区南大街劳动者港湾（扩建）")
            try chengzhong.succeed("station", "update", shared, "--phone", "0971-8123456")
            try xining.succeed("station", "update", shared, "--seats", "8")
            try chengzhong.succeed("station", "update", shared, "--seats", "12")
            try logged.log(xining, case: caseChengzhong, "协助申请劳动仲裁")
            try logged.log(chengzhong, case: caseChengzhong, "补充发放救助", fen: 10_000)
            try logged.log(chengzhong, case: caseCentre, "城中区工会跟进", fen: 8000)
            try logged.log(xining, case: caseCentre, "市总工会督办")
            let workerLate = try logged.worker(xining, "张伟", region: "630103", sequence: 15)
            let caseLate = try xining.openCase(worker: workerLate, summary: "环卫工人加班费未付")
            try logged.log(xining, case: caseLate, "受理登记")
            haidongStations.append(try haidong.addStation("平安区平安驿劳动者港湾", region: "630203", lat: 36.50, lon: 102.10))
            try logged.log(haidong, case: caseHaidong, "回访")

            // Second round, quietly.
            for office in order.rounds[1].map({ offices[$0]! }) {
                let result = try office.sync("--quiet")
                #expect(result.status == 0, "\(office.name): \(result)")
                #expect(result.stdout.isEmpty, "\(office.name) printed with --quiet: \(result.stdout)")
            }

            // Stations: every office holds every station, with the same synced values.
            let stations = try xining.stations()
            #expect(stations.ids == Set(xiningStations + [shared, chengzhongStation] + haidongStations))
            for office in [chengzhong, haidong] {
                let theirs = try office.stations()
                #expect(theirs == stations, "\(office.name) differs from xining:\n\(theirs.differences(from: stations))")
            }
            // Different fields: both edits kept. Same field: the later edit (城中's 12) everywhere.
            #expect(stations[shared]?["name"] as? String == "城中区南大街劳动者港湾（扩建）")
            #expect(stations[shared]?["phone"] as? String == "0971-8123456")
            #expect(stations[shared]?["seats"] as? Int == 12)
            // The lost same-field value is shown by `sync conflicts` where it lost.
            let conflicts = try [xining, chengzhong, haidong].flatMap { try $0.syncConflicts() }
            #expect(conflicts.contains {
                $0["record_id"] as? String == shared && $0["field"] as? String == "seats"
                    && $0["lost_value"] as? String == "8" && $0["kept_value"] as? String == "12"
            }, "conflicts: \(conflicts)")
            #expect(!conflicts.contains { $0["field"] as? String == "name" || $0["field"] as? String == "phone" },
                    "edits of different fields are not conflicts: \(conflicts)")

            // Workers and cases: exactly those of each office's scope.
            let xiningWorkers = try xining.workers(), chengzhongWorkers = try chengzhong.workers(), haidongWorkers = try haidong.workers()
            #expect(xiningWorkers.ids == [workerEast, workerCentre, workerChengzhong, workerLate])
            #expect(chengzhongWorkers.ids == [workerCentre, workerChengzhong, workerLate])
            #expect(haidongWorkers.ids == [workerHaidong])
            #expect(xiningWorkers.listed == 4 && chengzhongWorkers.listed == 3 && haidongWorkers.listed == 1)
            for id in chengzhongWorkers.ids {
                #expect(chengzhongWorkers.records[id] == xiningWorkers.records[id], "worker \(id) differs between the 西宁 offices")
            }
            let xiningCases = try xining.cases(), chengzhongCases = try chengzhong.cases(), haidongCases = try haidong.cases()
            #expect(xiningCases.ids == [caseEast, caseCentre, caseChengzhong, caseLate])
            #expect(chengzhongCases.ids == [caseCentre, caseChengzhong, caseLate])
            #expect(haidongCases.ids == [caseHaidong])
            for id in chengzhongCases.ids {
                #expect(chengzhongCases.records[id] == xiningCases.records[id],
                        "case \(id) differs between the 西宁 offices:\n\(chengzhongCases.differences(from: xiningCases))")
            }

            // Events: on every office holding the case, each logged event exactly once, none other.
            let holders: [(EndToEndOffice, [String])] = [
                (xining, [caseEast, caseCentre, caseChengzhong, caseLate]), (chengzhong, [caseCentre, caseChengzhong, caseLate]),
                (haidong, [caseHaidong]),
            ]
            for (office, cases) in holders {
                for caseID in cases {
                    let expected = logged.events[caseID, default: []].sorted()
                    let detail = try office.caseDetail(caseID)
                    let held = (detail["events"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }.sorted()
                    #expect(held == expected, "\(office.name), case \(caseID): \(held.count) events, \(expected.count) logged")
                    #expect(detail["assistance_fen"] as? Int == logged.assistance[caseID, default: 0], "\(office.name), case \(caseID)")
                }
            }

            // Nothing waits, nothing was refused.
            for office in [xining, chengzhong, haidong] {
                let status = try office.syncStatus()
                #expect(status["outbox"] as? Int == 0, "\(office.name): \(status)")
                #expect(status["quarantined"] as? Int == 0, "\(office.name): \(status)")
                #expect(status["batch_in_flight"] as? Bool == false, "\(office.name): \(status)")
                #expect(status["endpoint"] as? String != nil && status["last_success"] as? String != nil, "\(office.name): \(status)")
            }

            // No token and no personal number in the hub's log or in anything an office printed.
            let secrets = [xiningToken, chengzhongToken, haidongToken] + logged.numbers.flatMap(EndToEndPeople.leakForms)
            let texts = [("the hub's log", hub.log)] + [xining, chengzhong, haidong].map { ($0.name, $0.transcript) }
            for (source, text) in texts {
                for secret in secrets {
                    #expect(!text.contains(secret), "\(source) contains a token or a personal number")
                }
            }
            #expect(!hub.log.isEmpty, "the hub logs its requests")
            #expect(hub.stop() == 0, "the hub exits 0 on SIGTERM")
        }
    }
}
