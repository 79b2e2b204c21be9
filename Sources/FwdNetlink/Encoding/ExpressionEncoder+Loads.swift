internal import CLibMnl
import FwdNftables

// Expressions that load a value into a register (or store one from it).
extension ExpressionEncoder {
    func meta(_ key: NftMetaKey, destination: NftRegister) throws -> NftnlExpression {
        let expression = try NftnlExpression("meta")
        expression.set(NFTNL_EXPR_META_KEY, key.kernelKey)
        expression.set(NFTNL_EXPR_META_DREG, destination.rawValue)
        return expression
    }

    func metaSet(_ key: NftMetaKey, source: NftRegister) throws -> NftnlExpression {
        let expression = try NftnlExpression("meta")
        expression.set(NFTNL_EXPR_META_KEY, key.kernelKey)
        expression.set(NFTNL_EXPR_META_SREG, source.rawValue)
        return expression
    }

    func payload(base: NftPayloadBase, offset: UInt32, length: UInt32, destination: NftRegister) throws
        -> NftnlExpression
    {
        guard length > 0, length <= UInt32(Self.maximumDataLength) else {
            throw EncodingProblem(message: "payload length \(length) is outside 1...\(Self.maximumDataLength)")
        }
        let expression = try NftnlExpression("payload")
        expression.set(NFTNL_EXPR_PAYLOAD_BASE, base.kernelBase)
        expression.set(NFTNL_EXPR_PAYLOAD_OFFSET, offset)
        expression.set(NFTNL_EXPR_PAYLOAD_LEN, length)
        expression.set(NFTNL_EXPR_PAYLOAD_DREG, destination.rawValue)
        return expression
    }

    func conntrack(_ key: NftConntrackKey, destination: NftRegister) throws -> NftnlExpression {
        let expression = try NftnlExpression("ct")
        expression.set(NFTNL_EXPR_CT_KEY, key.kernelKey)
        expression.set(NFTNL_EXPR_CT_DREG, destination.rawValue)
        return expression
    }

    func immediate(destination: NftRegister, data: [UInt8]) throws -> NftnlExpression {
        try Self.checkData(data, "immediate data")
        let expression = try NftnlExpression("immediate")
        expression.set(NFTNL_EXPR_IMM_DREG, destination.rawValue)
        expression.set(NFTNL_EXPR_IMM_DATA, bytes: data)
        return expression
    }

    func verdict(_ verdict: NftVerdict) throws -> NftnlExpression {
        let expression = try NftnlExpression("immediate")
        expression.set(NFTNL_EXPR_IMM_DREG, NftRegister.verdict.rawValue)
        expression.set(NFTNL_EXPR_IMM_VERDICT, verdict.kernelCode)
        if let chain = verdict.targetChain {
            guard !chain.isEmpty else { throw EncodingProblem(message: "jump/goto without a chain name") }
            expression.set(NFTNL_EXPR_IMM_CHAIN, chain)
        }
        return expression
    }
}
