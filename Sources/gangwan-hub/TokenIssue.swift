import ArgumentParser
import GangwanHub

/// `gangwan-hub token issue`: a new token for an office, printed once.
struct TokenIssue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue a token for an office (replacing its earlier one) and print it.",
        discussion: "The token is printed once, alone on standard output; the hub keeps only its SHA-256. Hand it to the office, e.g. into the file its GANGWAN_TOKEN_FILE names.")

    @OptionGroup var options: HubOptions
    @Option(help: "The office's name: lowercase letters, digits and hyphens, e.g. xining-chengzhong.") var node: String
    @Option(help: "Region-code prefixes the office may sync workers and cases in, comma-separated, e.g. 6301,6302.") var scope: String

    func run() async throws {
        let store = try options.openStore()
        let token = try await store.issueToken(node: node, scope: scope.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
        print(token)
    }
}
