internal import Glibc

/// Likely causes of common errnos, by what was refused.
enum RefusalHints {
    /// A hint for `errno` on a message of `kind`, nil when there is nothing useful to say.
    static func hint(errno: Int32, kind: MessageOrigin.Kind) -> String? {
        switch errno {
        case ENOENT:
            switch kind {
            case .newRule: return "jump target or set missing?"
            case .newSetElements, .flushSet: return "set missing?"
            case .deleteTable, .deleteChain, .deleteSet, .deleteRule: return "already gone?"
            case .batchBegin, .batchEnd, .newTable, .flushChain, .newChain, .newSet: return "table missing?"
            }
        case ELOOP: return "jump loop"
        case EMLINK: return "jump loop, or jumps nested deeper than the kernel allows"
        case EOPNOTSUPP:
            return kind == .newRule ? "expression not supported by this kernel" : "not supported by this kernel"
        case EINVAL:
            return kind == .newRule
                ? "malformed expression: wrong register, length or attribute" : "invalid attribute"
        case EEXIST:
            return kind == .newChain ? "exists already, or its hook and priority conflict" : "exists already"
        case EBUSY: return "still in use: does a rule refer to it?"
        case ERANGE: return "value out of range"
        case EAFNOSUPPORT: return "family not supported by this kernel"
        case ENFILE, ENOSPC: return "set or table limit reached"
        case EPERM: return "needs CAP_NET_ADMIN in the network namespace"
        case ENOMEM: return "kernel out of memory"
        case E2BIG, EMSGSIZE: return "too large"
        case ERESTART: return "the ruleset changed while fwd was committing"
        default: return nil
        }
    }
}
