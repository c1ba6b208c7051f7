import ArgumentParser
import GangwanHub
import GangwanKit

/// `gangwan-hub token revoke`: the office's token stops working at once.
struct TokenRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke an office's token; its syncs are refused (401) from now on.")

    @OptionGroup var options: HubOptions
    @Option(help: "The office whose token to revoke.") var node: String

    func run() async throws {
        guard try await options.openStore().revokeToken(node: node) else {
            throw ExitStatus(code: ExitStatus.noInput, message: Language.current.pick(
                "no office named \"\(node)\" holds a live token; see gangwan-hub token list",
                "没有名为“\(node)”且令牌有效的办公室；请查看 gangwan-hub token list"))
        }
    }
}
