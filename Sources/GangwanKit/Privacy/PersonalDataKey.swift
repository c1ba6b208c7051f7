import Crypto
import Foundation

/// The secret that seals ID numbers and phones and keys their blind index.
///
/// One 32-byte master key (the key file) yields two independent keys through HKDF, so the
/// blind index reveals nothing about the sealing key and the other way round.
/// (`SymmetricKey` is immutable once made but not marked `Sendable` in swift-crypto 3.)
public struct PersonalDataKey: @unchecked Sendable {
    let master: SymmetricKey
    private let sealing: SymmetricKey
    private let indexing: SymmetricKey

    /// Wraps 32 bytes of key material.
    public init(master: SymmetricKey) {
        self.master = master
        sealing = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("gangwan personal data sealing v1".utf8), outputByteCount: 32)
        indexing = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("gangwan personal data index v1".utf8), outputByteCount: 32)
    }

    /// A new random key.
    public static func generate() -> PersonalDataKey {
        PersonalDataKey(master: SymmetricKey(size: .bits256))
    }

    /// A short public name for the key, stored in the database to tell a wrong key from a right one.
    public var fingerprint: String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("gangwan key fingerprint".utf8), using: indexing)
        return Data(code).prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    /// Seals `plaintext` with AES-GCM; `context` (worker and field) is authenticated, so a sealed
    /// value copied to another worker or field fails to open.
    func seal(_ plaintext: String, context: String) -> Data {
        // A fresh random nonce per value: sealing the same number twice gives different bytes.
        let box = try! AES.GCM.seal(Data(plaintext.utf8), using: sealing, authenticating: Data(context.utf8))
        return box.combined!
    }

    /// Opens a value sealed by ``seal(_:context:)``, or `nil` if it was tampered with or sealed under another key.
    func open(_ sealed: Data, context: String) -> String? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed),
              let plain = try? AES.GCM.open(box, using: sealing, authenticating: Data(context.utf8))
        else { return nil }
        return String(data: plain, encoding: .utf8)
    }

    /// The keyed blind index of a normalised value: equal values give equal bytes, and without the
    /// key nobody can test a guess against it.
    func blindIndex(_ normalised: String, field: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data("\(field)\u{0}\(normalised)".utf8), using: indexing))
    }
}
