import FwdModel

/// `NF_NAT_RANGE_PROTO_SPECIFIED`: the NAT statement rewrites ports too.
let natRangeProtoSpecified: UInt32 = 2

extension RuleLowerer {
    /// `masquerade [to :port[-port]]`.
    mutating func appendMasquerade(_ ports: PortRange?) {
        let (portMin, portMax) = appendPortImmediates(ports, from: 1)
        append(.masquerade(portMin: portMin, portMax: portMax, flags: ports == nil ? 0 : natRangeProtoSpecified))
    }

    /// `redirect [to :port[-port]]`.
    mutating func appendRedirect(_ ports: PortRange?) {
        let (portMin, portMax) = appendPortImmediates(ports, from: 1)
        append(.redirect(portMin: portMin, portMax: portMax, flags: ports == nil ? 0 : natRangeProtoSpecified))
    }

    /// `snat|dnat ip|ip6 to address[-address][:port[-port]]`: immediates load the addresses and
    /// ports into registers 1, 2, … in that order; the NAT family is the address's.
    mutating func appendNAT(_ type: NftNatType, to target: NATAddress) {
        var next: UInt32 = 1
        var addressMin: NftRegister?
        var addressMax: NftRegister?
        let family: NftFamily
        switch target.address {
        case .network(let address, _):
            family = address.family == .ipv4 ? .ip : .ip6
            addressMin = appendImmediate(address.bytes, register: &next)
        case .range(let low, let high):
            family = low.family == .ipv4 ? .ip : .ip6
            addressMin = appendImmediate(low.bytes, register: &next)
            if high != low { addressMax = appendImmediate(high.bytes, register: &next) }
        case .invalid:
            family = .inet
        }
        let (portMin, portMax) = appendPortImmediates(target.ports, from: next)
        append(.nat(
            type, family: family, addressMin: addressMin, addressMax: addressMax, portMin: portMin,
            portMax: portMax, flags: target.ports == nil ? 0 : natRangeProtoSpecified))
    }

    private mutating func appendPortImmediates(
        _ ports: PortRange?, from first: UInt32
    ) -> (NftRegister?, NftRegister?) {
        guard let ports else { return (nil, nil) }
        var next = first
        let portMin = appendImmediate(ports.lower.portBytes, register: &next)
        let portMax = ports.isSingle ? nil : appendImmediate(ports.upper.portBytes, register: &next)
        return (portMin, portMax)
    }

    private mutating func appendImmediate(_ data: [UInt8], register next: inout UInt32) -> NftRegister {
        let register = NftRegister(rawValue: next)
        next += 1
        append(.immediate(destination: register, data: data))
        return register
    }
}
