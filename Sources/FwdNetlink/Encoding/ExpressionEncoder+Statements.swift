internal import CLibMnl
import FwdNftables

// Statements: limit, log, reject (counter needs no attributes).
extension ExpressionEncoder {
    /// The longest log prefix the kernel accepts (`NF_LOG_PREFIXLEN` minus the NUL).
    static let maximumLogPrefixLength = 127

    func limit(rate: UInt64, unit: UInt64, burst: UInt32) throws -> NftnlExpression {
        guard rate > 0, unit > 0 else { throw EncodingProblem(message: "limit rate and unit must be positive") }
        let expression = try NftnlExpression("limit")
        expression.set(NFTNL_EXPR_LIMIT_RATE, rate)
        expression.set(NFTNL_EXPR_LIMIT_UNIT, unit)
        expression.set(NFTNL_EXPR_LIMIT_BURST, burst)
        expression.set(NFTNL_EXPR_LIMIT_TYPE, NFT_LIMIT_PKTS.rawValue)
        expression.set(NFTNL_EXPR_LIMIT_FLAGS, UInt32(0))
        return expression
    }

    func log(prefix: String?, level: UInt32?) throws -> NftnlExpression {
        let expression = try NftnlExpression("log")
        if let prefix {
            try Self.checkLogPrefix(prefix)
            expression.set(NFTNL_EXPR_LOG_PREFIX, prefix)
        }
        if let level { expression.set(NFTNL_EXPR_LOG_LEVEL, level) }
        return expression
    }

    /// Checks that the kernel takes `prefix` as a log prefix.
    static func checkLogPrefix(_ prefix: String) throws(EncodingProblem) {
        guard prefix.utf8.count <= maximumLogPrefixLength else {
            throw EncodingProblem(
                message: "log prefix is \(prefix.utf8.count) bytes (at most \(maximumLogPrefixLength))")
        }
        guard !prefix.utf8.contains(0) else { throw EncodingProblem(message: "log prefix contains a NUL byte") }
    }

    func reject(_ type: NftRejectType, code: UInt8) throws -> NftnlExpression {
        let expression = try NftnlExpression("reject")
        expression.set(NFTNL_EXPR_REJECT_TYPE, type.kernelType)
        expression.set(NFTNL_EXPR_REJECT_CODE, code)
        return expression
    }
}
