public import FwdModel

/// The names fwd's ipsets have in the kernel. ipset names are global to a network namespace, so
/// fwd's carry a prefix telling them apart from everyone else's and naming their type:
/// `fwd4-NAME` (IPv4 `hash:net`), `fwd6-NAME` (IPv6 `hash:net`), `fwdp-NAME` (`bitmap:port`).
/// A set whose type changes thus gets a new ipset instead of a clash with the old one, which the
/// rules still use until they are replaced.
public enum IpsetNaming {
    /// The prefixes of fwd's ipsets.
    public static let prefixes = ["fwd4-", "fwd6-", "fwdp-"]

    /// The suffix of the temporary set a new content is built in before `ipset swap`. Set names
    /// cannot hold a `.`, so no set of the user's can clash with it.
    public static let temporarySuffix = ".new"

    /// The ipset holding the set called `name` of `type`.
    public static func kernelName(_ name: String, type: SetElementType) -> String {
        switch type {
        case .ipv4: "fwd4-\(name)"
        case .ipv6: "fwd6-\(name)"
        case .port: "fwdp-\(name)"
        }
    }

    /// The ipset holding `set`.
    public static func kernelName(of set: NamedSet) -> String { kernelName(set.name, type: set.type) }

    /// The temporary ipset a new content of `kernelName` is built in.
    public static func temporaryName(of kernelName: String) -> String { kernelName + temporarySuffix }

    /// Whether `kernelName` is one of fwd's ipsets (a temporary one included).
    public static func isOwned(_ kernelName: String) -> Bool { prefixes.contains { kernelName.hasPrefix($0) } }
}
