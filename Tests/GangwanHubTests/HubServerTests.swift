import Foundation
import GangwanKit
import Testing

/// The real `gangwan-hub serve`, started on a free loopback port and spoken to over HTTP.
@Suite struct HubServerTests {
    let hub: HubProcess

    init() throws {
        hub = try HubProcess()
    }

    /// Two stations in Xining with known positions and hours, added the way an office adds them.
    func addStations() throws -> GangwanDatabase {
        let db = try GangwanDatabase.open(path: hub.databasePath)
        for (name, lat, lon, services) in [
            ("城中区南大街劳动者港湾", "36.6171", "101.7782", "water,hot-meal"),
            ("城西区五四大街劳动者港湾", "36.6290", "101.7570", "water"),
        ] {
            var fields = StationFields()
            fields.name = name
            fields.kind = "劳动者港湾"
            fields.lat = lat
            fields.lon = lon
            fields.region = "630103"
            fields.services = services
            fields.hours = "24/7"
            _ = try db.addStation(fields, crs: .wgs84, actor: "tester")
        }
        return db
    }

    @Test func healthzAnswersOk() async throws {
        let server = try hub.serve()
        let answer = try await HTTPTestClient(server.baseURL).send("GET", "/healthz")
        #expect(answer.status == 200)
        #expect(answer.text == "ok")
    }

    @Test func theFirstLineIsALoopbackAddressWithTheBoundPort() throws {
        let server = try hub.serve()
        #expect(server.baseURL.host == "127.0.0.1")
        #expect((server.baseURL.port ?? 0) > 0)
    }

    @Test func nearAnswersWhatStationNearJSONPrints() async throws {
        let db = try addStations()
        let server = try hub.serve()
        let answer = try await HTTPTestClient(server.baseURL).send("GET", "/v1/stations/near?lat=36.6205&lon=101.7849&crs=gcj02&limit=2&service=water")
        #expect(answer.status == 200, "\(answer.text)")
        #expect(answer.header("Content-Type")?.hasPrefix("application/json") == true)

        // What `gangwan station near --crs gcj02 --output-crs gcj02 --json` prints for the same query.
        let origin = CoordinateSystem.gcj02.toWGS84(Coordinate(unchecked: 36.6205, 101.7849))
        let found = try db.nearestStations(NearQuery(origin: origin, limit: 2, services: try ServiceSet.parse("water")))
        let expected = try JSONEncoder().encode(found.map { StationJSON($0, crs: .gcj02, regions: db.regions) })
        let served = try #require(try JSONSerialization.jsonObject(with: answer.body) as? [[String: Any]])
        #expect(served.count == 2)
        #expect(served.first?["crs"] as? String == "gcj02")
        #expect(served.first?["distance_m"] != nil)
        #expect(try JSONSerialization.jsonObject(with: answer.body) as? NSArray == JSONSerialization.jsonObject(with: expected) as? NSArray)
    }

    @Test func nearFiltersByService() async throws {
        _ = try addStations()
        let server = try hub.serve()
        let answer = try await HTTPTestClient(server.baseURL).send("GET", "/v1/stations/near?lat=36.62&lon=101.78&service=hot-meal")
        let served = try JSONSerialization.jsonObject(with: answer.body) as? [[String: Any]]
        #expect(served?.map { $0["name"] as? String } == ["城中区南大街劳动者港湾"])
    }

    @Test(arguments: [
        ("lat=abc&lon=101.78", "lat", "abc"),
        ("lon=101.78", "lat", "required"),
        ("lat=36.62&lon=200", "lon", "200"),
        ("lat=36.62&lon=101.78&crs=mars", "crs", "mars"),
        ("lat=36.62&lon=101.78&limit=51", "limit", "51"),
        ("lat=36.62&lon=101.78&limit=0", "limit", "0"),
        ("lat=36.62&lon=101.78&radius_km=-1", "radius_km", "-1"),
        ("lat=36.62&lon=101.78&service=teleport", "service", "teleport"),
        ("lat=36.62&lon=101.78&kind=castle", "kind", "castle"),
        ("lat=36.62&lon=101.78&open_now=maybe", "open_now", "maybe"),
        ("lat=36.62&lon=101.78&open_at=tomorrow", "open_at", "tomorrow"),
        ("lat=36.62&lon=101.78&open_now=true&open_at=2026-03-01T20:30", "open_at", "open_now"),
    ])
    func nearRefusesABadParameterNamingIt(query: String, parameter: String, value: String) async throws {
        let server = try hub.serve()
        let answer = try await HTTPTestClient(server.baseURL).send("GET", "/v1/stations/near?" + query)
        #expect(answer.status == 400)
        let message = try #require(answer.errorMessage)
        #expect(message.contains(parameter))
        #expect(message.contains(value))
    }

    @Test func changesRefuseRequestsWithoutAValidToken() async throws {
        let revoked = try hub.issueToken(node: "haidong", scope: "6302")
        #expect(try hub.run(["token", "revoke", "--node", "haidong"] + hub.storeArguments).status == 0)
        let server = try hub.serve()
        let client = HTTPTestClient(server.baseURL)
        for token in [nil, "gwt_notatoken", revoked] {
            for method in ["GET", "POST"] {
                let answer = try await client.send(method, "/v1/changes", token: token, headers: ["Idempotency-Key": "k1"], body: method == "POST" ? Data("{\"changes\":[]}".utf8) : nil)
                #expect(answer.status == 401)
                #expect(answer.header("WWW-Authenticate") == "Bearer")
                #expect(answer.errorMessage != nil)
                if let token { #expect(!answer.text.contains(token)) }
            }
        }
    }

    @Test func aPushWithoutIdempotencyKeyIsRefused() async throws {
        let token = try hub.issueToken()
        let server = try hub.serve()
        let answer = try await HTTPTestClient(server.baseURL).send("POST", "/v1/changes", token: token, body: Data("{\"changes\":[]}".utf8))
        #expect(answer.status == 400)
        #expect(answer.errorMessage?.contains("Idempotency-Key") == true)
    }

    @Test func anOverlongIdempotencyKeyIsRefused() async throws {
        let token = try hub.issueToken()
        let server = try hub.serve()
        let answer = try await HTTPTestClient(server.baseURL).send(
            "POST", "/v1/changes", token: token, headers: ["Idempotency-Key": String(repeating: "k", count: 129)], body: Data("{\"changes\":[]}".utf8))
        #expect(answer.status == 400)
    }

    @Test func aBodyOver8MiBIsRefused() async throws {
        let token = try hub.issueToken()
        let server = try hub.serve()
        let answer = try await HTTPTestClient(server.baseURL).send(
            "POST", "/v1/changes", token: token, headers: ["Idempotency-Key": UUID().uuidString, "Content-Encoding": "gzip"],
            body: Data(repeating: 0x20, count: 8 * 1024 * 1024 + 1))
        #expect(answer.status == 413)
        #expect(answer.errorMessage?.contains("8 MiB") == true)
    }

    @Test func aGzipBodyInflatingPast64MiBIsRefused() async throws {
        let token = try hub.issueToken()
        let server = try hub.serve()
        let bomb = Gzip.compress(Data(repeating: 0x20, count: 64 * 1024 * 1024 + 1))
        #expect(bomb.count < 8 * 1024 * 1024)
        let answer = try await HTTPTestClient(server.baseURL).send(
            "POST", "/v1/changes", token: token, headers: ["Idempotency-Key": UUID().uuidString, "Content-Encoding": "gzip"], body: bomb)
        #expect(answer.status == 413)
        #expect(answer.errorMessage?.contains("64 MiB") == true)
    }

    @Test func aMalformedBatchIsRefusedWithoutQuotingIt() async throws {
        let token = try hub.issueToken()
        let server = try hub.serve()
        let client = HTTPTestClient(server.baseURL)
        let notJSON = try await client.send(
            "POST", "/v1/changes", token: token, headers: ["Idempotency-Key": UUID().uuidString], body: Data("secret-张三 not json".utf8))
        #expect(notJSON.status == 400)
        #expect(notJSON.errorMessage?.contains("张三") == false)
        let wrongShape = try await client.send(
            "POST", "/v1/changes", token: token, headers: ["Idempotency-Key": UUID().uuidString],
            body: Data(#"{"changes":[{"entity":"station","id":"not-a-uuid","hlc":"x","actor":"a","fields":{}}]}"#.utf8))
        #expect(wrongShape.status == 400)
        #expect(wrongShape.errorMessage?.contains("changes.0") == true)
    }

    @Test func aBodyThatIsNotGzipIsRefused() async throws {
        let token = try hub.issueToken()
        let server = try hub.serve()
        let answer = try await HTTPTestClient(server.baseURL).send(
            "POST", "/v1/changes", token: token, headers: ["Idempotency-Key": UUID().uuidString, "Content-Encoding": "gzip"],
            body: Data("{\"changes\":[]}".utf8))
        #expect(answer.status == 400)
        #expect(answer.errorMessage?.contains("gzip") == true)
    }

    @Test func anUnknownContentEncodingIsRefused() async throws {
        let token = try hub.issueToken()
        let server = try hub.serve()
        let answer = try await HTTPTestClient(server.baseURL).send(
            "POST", "/v1/changes", token: token, headers: ["Idempotency-Key": UUID().uuidString, "Content-Encoding": "br"],
            body: Data("{\"changes\":[]}".utf8))
        #expect(answer.status == 415)
    }

    @Test(arguments: ["0", "5001", "abc", "-5"])
    func aPullWithABadLimitIsRefused(limit: String) async throws {
        let token = try hub.issueToken()
        let server = try hub.serve()
        let answer = try await HTTPTestClient(server.baseURL).send("GET", "/v1/changes?limit=\(limit)", token: token)
        #expect(answer.status == 400)
        #expect(answer.errorMessage?.contains("limit") == true)
    }

    /// A body that breaks HTTP framing is the client's fault: 400 with a JSON message, logged as
    /// such, not 500 and an error line (a bad chunk size once was).
    @Test func aMalformedChunkedBodyIsA400() throws {
        let token = try hub.issueToken()
        let server = try hub.serve()
        let answer = try RawHTTP.exchange(port: server.baseURL.port!, Array("""
            POST /v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nIdempotency-Key: k\r\n\
            Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{"changes":[]}\r\n0\r\n\r\n
            """.utf8))
        #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer)")
        #expect(answer.contains(#"{"error":"#))
        server.stop()
        #expect(server.log.contains("status=400"))
        #expect(!server.log.contains("request failed"))
    }

    @Test func anUnknownPathIsAJSON404() async throws {
        let server = try hub.serve()
        let answer = try await HTTPTestClient(server.baseURL).send("GET", "/v2/nothing")
        #expect(answer.status == 404)
        #expect(answer.errorMessage != nil)
    }

    @Test func sigtermStopsTheHubWithExitZero() async throws {
        let server = try hub.serve()
        #expect(try await HTTPTestClient(server.baseURL).send("GET", "/healthz").status == 200)
        let start = ContinuousClock.now
        server.stop()
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(server.process.terminationReason == .exit)
        #expect(server.process.terminationStatus == 0)
    }

    @Test func theLogHasOneLinePerRequestWithTheNodeButNoToken() async throws {
        let token = try hub.issueToken()
        let server = try hub.serve()
        let client = HTTPTestClient(server.baseURL)
        _ = try await client.send("GET", "/v1/changes?limit=0&since=cursor-text", token: token)
        _ = try await client.send("POST", "/v1/changes", token: token, body: Data("{\"changes\":[]}".utf8))
        _ = try await client.send("GET", "/healthz")
        server.stop()
        let log = server.log
        let requestLines = log.split(separator: "\n").filter { $0.contains("request") && $0.contains("status=") }
        #expect(requestLines.count == 3, "\(log)")
        #expect(requestLines.filter { $0.contains("node=xining-chengzhong") }.count == 2)
        #expect(requestLines.contains { $0.contains("path=/v1/changes") && $0.contains("status=400") && $0.contains("method=GET") })
        #expect(!log.contains(token))
        #expect(!log.contains(String(token.dropFirst(4))))
        #expect(!log.contains("cursor-text"), "query strings stay out of the log")
    }

    @Test func theLogLevelOptionQuietensRequestLines() async throws {
        let server = try hub.serve("--log-level", "warning")
        _ = try await HTTPTestClient(server.baseURL).send("GET", "/healthz")
        server.stop()
        #expect(!server.log.contains("path=/healthz"))
    }
}

/// One request written as raw bytes, for what URLSession will not send, and the whole answer.
enum RawHTTP {
    static func exchange(port: Int, _ request: [UInt8]) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0, request.withUnsafeBytes({ write(socket, $0.baseAddress, $0.count) }) == request.count else {
            throw HubTestFailure("cannot send to port \(port)")
        }
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            answer += chunk[..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
