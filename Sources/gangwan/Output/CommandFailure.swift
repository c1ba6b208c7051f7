/// A failure the command itself detects (an output file it cannot write), with its sysexits code.
struct CommandFailure: Error {
    let code: Int32
    let message: String

    /// The output file cannot be created or written.
    static func cannotWrite(_ path: String, _ reason: String) -> CommandFailure {
        CommandFailure(code: ExitStatus.cannotCreate, message: text("cannot write \(path): \(reason)", "无法写入 \(path)：\(reason)"))
    }
}
