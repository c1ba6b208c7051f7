import Foundation

extension HubStoreError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .idempotencyKeyReused:
            localized(
                "this Idempotency-Key was already used for a different body; send a new batch under a new key",
                "此 Idempotency-Key 已用于另一份内容；新批次请使用新的键")
        case .badCursor:
            localized(
                "the cursor is not one this hub issued; pull again from the start (without since)",
                "游标并非本中心所发；请从头拉取（不带 since）")
        case .invalidToken(let reason):
            reason
        }
    }
}
