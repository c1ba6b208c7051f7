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
                "the cursor is not valid for this token's scope; pull again from the start (without since)",
                "游标对此令牌的范围无效；请从头拉取（不带 since）")
        case .invalidToken(let reason):
            reason
        }
    }
}
