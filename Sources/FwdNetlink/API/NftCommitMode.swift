/// Whether a commit changes the kernel.
public enum NftCommitMode: Hashable, Sendable {
    /// Send the batch with `BATCH_END`: the kernel applies it atomically, or nothing of it.
    case apply
    /// Send the batch without `BATCH_END` (as `nft -c` does): the kernel validates every message
    /// and reports every error, then discards the transaction. Nothing is applied.
    case dryRun
}
