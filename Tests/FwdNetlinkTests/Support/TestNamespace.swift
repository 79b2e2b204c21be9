import Foundation
import FwdNetlink

/// A network namespace `fwdnl-<random>` for one test, always deleted afterwards.
struct TestNamespace: Sendable {
    /// The namespace name.
    let name: String

    /// Creates a namespace, runs `body` in it and deletes the namespace on every path.
    static func with<Result>(_ body: (TestNamespace) throws -> Result) throws -> Result {
        try KernelTestGate.require()
        let namespace = TestNamespace(name: "fwdnl-" + String(UInt32.random(in: 0...UInt32.max), radix: 36))
        try Command.check("ip", ["netns", "add", namespace.name])
        defer { _ = try? Command.run("ip", ["netns", "delete", namespace.name]) }
        return try body(namespace)
    }

    private init(name: String) { self.name = name }

    /// The kernel of this namespace.
    func kernel() throws -> NftablesKernel { try NftablesKernel(networkNamespace: name) }

    /// Runs `nft` inside the namespace and returns its output.
    @discardableResult
    func nft(_ arguments: String...) throws -> String {
        try Command.check("ip", ["netns", "exec", name, "nft"] + arguments)
    }

    /// `nft list ruleset`.
    func listRuleset() throws -> String { try nft("list", "ruleset") }

    /// `nft -j list ruleset`, decoded into its `nftables` array of objects.
    func jsonRuleset() throws -> [[String: Any]] {
        let text = try nft("-j", "list", "ruleset")
        let root = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return root?["nftables"] as? [[String: Any]] ?? []
    }
}
