internal import CLibMnl
import FwdNftables

// Expressions that test or transform a register: cmp, bitwise, range, lookup.
extension ExpressionEncoder {
    func compare(_ comparison: NftCompareOperator, source: NftRegister, data: [UInt8]) throws -> NftnlExpression {
        try Self.checkData(data, "compare data")
        let expression = try NftnlExpression("cmp")
        expression.set(NFTNL_EXPR_CMP_SREG, source.rawValue)
        expression.set(NFTNL_EXPR_CMP_OP, comparison.kernelOperator)
        expression.set(NFTNL_EXPR_CMP_DATA, bytes: data)
        return expression
    }

    func bitwise(source: NftRegister, destination: NftRegister, length: UInt32, mask: [UInt8], xor: [UInt8]) throws
        -> NftnlExpression
    {
        try Self.checkData(mask, "bitwise mask")
        try Self.checkData(xor, "bitwise xor")
        guard mask.count == Int(length), xor.count == Int(length) else {
            throw EncodingProblem(
                message: "bitwise length \(length) but mask has \(mask.count) and xor \(xor.count) bytes")
        }
        let expression = try NftnlExpression("bitwise")
        expression.set(NFTNL_EXPR_BITWISE_SREG, source.rawValue)
        expression.set(NFTNL_EXPR_BITWISE_DREG, destination.rawValue)
        expression.set(NFTNL_EXPR_BITWISE_LEN, length)
        expression.set(NFTNL_EXPR_BITWISE_MASK, bytes: mask)
        expression.set(NFTNL_EXPR_BITWISE_XOR, bytes: xor)
        return expression
    }

    func range(_ comparison: NftCompareOperator, source: NftRegister, from: [UInt8], to: [UInt8]) throws
        -> NftnlExpression
    {
        try Self.checkRange(comparison, from: from, to: to)
        let expression = try NftnlExpression("range")
        expression.set(NFTNL_EXPR_RANGE_SREG, source.rawValue)
        expression.set(NFTNL_EXPR_RANGE_OP, comparison.kernelOperator)
        expression.set(NFTNL_EXPR_RANGE_FROM_DATA, bytes: from)
        expression.set(NFTNL_EXPR_RANGE_TO_DATA, bytes: to)
        return expression
    }

    /// Checks that `from`…`to` with `comparison` is a range the kernel takes.
    static func checkRange(_ comparison: NftCompareOperator, from: [UInt8], to: [UInt8]) throws(EncodingProblem) {
        try checkData(from, "range start")
        try checkData(to, "range end")
        guard from.count == to.count else {
            throw EncodingProblem(message: "range bounds differ in length (\(from.count) and \(to.count) bytes)")
        }
        switch comparison {
        case .equal, .notEqual: break
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            throw EncodingProblem(message: "a range compares only with == or !=")
        }
    }

    func lookup(set: String, setID: UInt32, source: NftRegister, inverted: Bool) throws -> NftnlExpression {
        guard let reference = sets.resolve(name: set, id: setID) else {
            throw EncodingProblem(message: "lookup in set \"\(set)\" (id \(setID)), which the table does not define")
        }
        let expression = try NftnlExpression("lookup")
        expression.set(NFTNL_EXPR_LOOKUP_SREG, source.rawValue)
        expression.set(NFTNL_EXPR_LOOKUP_SET, reference.kernelName)
        expression.set(NFTNL_EXPR_LOOKUP_SET_ID, reference.batchID)
        if inverted { expression.set(NFTNL_EXPR_LOOKUP_FLAGS, NFT_LOOKUP_F_INV.rawValue) }
        return expression
    }
}
