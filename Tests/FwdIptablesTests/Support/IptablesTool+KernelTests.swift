import FwdIptables
import FwdModel

extension IptablesTool {
    /// The implementations the kernel tests load rules with.
    static let underTest: [IptablesTool] = [.legacy, .nft]

    /// The restore and save commands of both families (`iptables-legacy-restore`, …).
    var restoreAndSaveCommands: [String] {
        IPFamily.allCases.flatMap { [restoreCommand(for: $0), saveCommand(for: $0)] }
    }

    /// The restore and save commands of every implementation in ``underTest``, for the
    /// `.kernelAccess(tools:)` trait of tests parameterised by implementation.
    static var commandsUnderTest: [String] { underTest.flatMap(\.restoreAndSaveCommands) }
}
