import Crypto
import Foundation
import GangwanKit

/// The bearer tokens offices sync with: how they are made, hashed and what they may be issued for.
enum HubToken {
    /// Every token starts with this, so a leaked one is easy to recognise in a file or a scan.
    static let prefix = "gwt_"

    /// A new token: 32 random bytes, base64url without padding, after ``prefix``.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64url = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + base64url
    }

    /// The lowercase hex SHA-256 the hub keeps instead of the token.
    static func hash(_ token: String) -> String {
        sha256Hex(Data(token.utf8))
    }

    /// Lowercase hex SHA-256 of `data`; also the digest of a pushed body.
    static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Checks a node name: 1 to 64 of `a-z`, `0-9` and `-`, as in `xining-chengzhong`.
    static func validNode(_ name: String) throws(HubStoreError) -> String {
        let allowed = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
        guard (1...64).contains(name.utf8.count), allowed else {
            throw .invalidToken(localized(
                "node: \"\(shown(name))\" must be 1 to 64 lowercase letters, digits or hyphens, such as xining-chengzhong",
                "节点：“\(shown(name))”须为 1 至 64 个小写字母、数字或连字符，例如 xining-chengzhong"))
        }
        return name
    }

    /// Checks a scope: region-code prefixes of 2 to 6 digits that begin a known code, without repeats.
    static func validScope(_ prefixes: [String], regions: RegionTable) throws(HubStoreError) -> [String] {
        let trimmed = prefixes.map { $0.trimmingCharacters(in: .whitespaces) }
        guard !trimmed.isEmpty, !trimmed.allSatisfy(\.isEmpty) else {
            throw .invalidToken(localized(
                "scope: give at least one region-code prefix, such as 6301 or 6301,6302",
                "范围：至少给出一个区划代码前缀，例如 6301 或 6301,6302"))
        }
        var scope: [String] = []
        for prefix in trimmed {
            let digits = prefix.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard (2...6).contains(prefix.utf8.count), digits else {
                throw .invalidToken(localized(
                    "scope: \"\(shown(prefix))\" is not a region-code prefix of 2 to 6 digits, such as 63 or 6301",
                    "范围：“\(shown(prefix))”不是 2 至 6 位数字的区划代码前缀，例如 63 或 6301"))
            }
            do {
                _ = try regions.validate(prefix: prefix)
            } catch {
                throw .invalidToken(localized("scope: ", "范围：") + error.localizedDescription)
            }
            if !scope.contains(prefix) { scope.append(prefix) }
        }
        return scope
    }
}
