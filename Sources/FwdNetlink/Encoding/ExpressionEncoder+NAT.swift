internal import CLibMnl
import FwdNftables

// Address translation: snat/dnat, masquerade, redirect. Registers are loaded by earlier immediates.
extension ExpressionEncoder {
    func nat(
        _ type: NftNatType, family: NftFamily, addressMin: NftRegister?, addressMax: NftRegister?,
        portMin: NftRegister?, portMax: NftRegister?, flags: UInt32
    ) throws -> NftnlExpression {
        switch family {
        case .ip, .ip6: break
        case .inet: throw EncodingProblem(message: "snat/dnat needs the address family ip or ip6, not inet")
        }
        let expression = try NftnlExpression("nat")
        expression.set(NFTNL_EXPR_NAT_TYPE, type.kernelType)
        expression.set(NFTNL_EXPR_NAT_FAMILY, UInt32(family.kernelFamily))
        if let addressMin { expression.set(NFTNL_EXPR_NAT_REG_ADDR_MIN, addressMin.rawValue) }
        if let addressMax { expression.set(NFTNL_EXPR_NAT_REG_ADDR_MAX, addressMax.rawValue) }
        if let portMin { expression.set(NFTNL_EXPR_NAT_REG_PROTO_MIN, portMin.rawValue) }
        if let portMax { expression.set(NFTNL_EXPR_NAT_REG_PROTO_MAX, portMax.rawValue) }
        if flags != 0 { expression.set(NFTNL_EXPR_NAT_FLAGS, flags) }
        return expression
    }

    func masquerade(portMin: NftRegister?, portMax: NftRegister?, flags: UInt32) throws -> NftnlExpression {
        let expression = try NftnlExpression("masq")
        if let portMin { expression.set(NFTNL_EXPR_MASQ_REG_PROTO_MIN, portMin.rawValue) }
        if let portMax { expression.set(NFTNL_EXPR_MASQ_REG_PROTO_MAX, portMax.rawValue) }
        if flags != 0 { expression.set(NFTNL_EXPR_MASQ_FLAGS, flags) }
        return expression
    }

    func redirect(portMin: NftRegister?, portMax: NftRegister?, flags: UInt32) throws -> NftnlExpression {
        let expression = try NftnlExpression("redir")
        if let portMin { expression.set(NFTNL_EXPR_REDIR_REG_PROTO_MIN, portMin.rawValue) }
        if let portMax { expression.set(NFTNL_EXPR_REDIR_REG_PROTO_MAX, portMax.rawValue) }
        if flags != 0 { expression.set(NFTNL_EXPR_REDIR_FLAGS, flags) }
        return expression
    }
}
