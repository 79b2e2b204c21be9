import FwdNftables

// The byte form of each expression: a tag, then every field in order (byte arrays and strings
// length-prefixed), so no two different expression lists give the same bytes.
extension RuleDigester {
    mutating func write(_ expression: NftExpression) {
        switch expression {
        case .meta(let key, let destination):
            write(UInt8(1)); write(key.rawValue); write(destination)
        case .metaSet(let key, let source):
            write(UInt8(2)); write(key.rawValue); write(source)
        case .payload(let base, let offset, let length, let destination):
            write(UInt8(3)); write(base.rawValue); write(offset); write(length); write(destination)
        case .compare(let comparison, let source, let data):
            write(UInt8(4)); write(comparison.rawValue); write(source); write(data)
        case .bitwise(let source, let destination, let length, let mask, let xor):
            write(UInt8(5)); write(source); write(destination); write(length); write(mask); write(xor)
        case .range(let comparison, let source, let from, let to):
            write(UInt8(6)); write(comparison.rawValue); write(source); write(from); write(to)
        case .conntrack(let key, let destination):
            write(UInt8(7)); write(key.rawValue); write(destination)
        case .lookup(let set, let setID, let source, let inverted):
            write(UInt8(8)); writeSetReference(name: set, id: setID); write(source); write(UInt8(inverted ? 1 : 0))
        case .counter:
            write(UInt8(9))
        case .limit(let rate, let unit, let burst):
            write(UInt8(10)); write(rate); write(unit); write(burst)
        case .log(let prefix, let level):
            write(UInt8(11))
            writeOptional(prefix)
            if let level { write(UInt8(1)); write(level) } else { write(UInt8(0)) }
        case .reject(let type, let code):
            write(UInt8(12)); write(type.rawValue); write(code)
        case .immediate(let destination, let data):
            write(UInt8(13)); write(destination); write(data)
        case .verdict(let verdict):
            write(UInt8(14)); write(verdict)
        case .nat(let type, let family, let addressMin, let addressMax, let portMin, let portMax, let flags):
            write(UInt8(15)); write(type.rawValue); write(family.rawValue)
            write(addressMin); write(addressMax); write(portMin); write(portMax); write(flags)
        case .masquerade(let portMin, let portMax, let flags):
            write(UInt8(16)); write(portMin); write(portMax); write(flags)
        case .redirect(let portMin, let portMax, let flags):
            write(UInt8(17)); write(portMin); write(portMax); write(flags)
        }
    }

    private mutating func writeOptional(_ text: String?) {
        guard let text else { return write(UInt8(0)) }
        write(UInt8(1))
        write(text)
    }

    private mutating func write(_ verdict: NftVerdict) {
        switch verdict {
        case .accept: write(UInt8(1))
        case .drop: write(UInt8(2))
        case .continue: write(UInt8(3))
        case .return: write(UInt8(4))
        case .jump(let chain): write(UInt8(5)); write(chain)
        case .goto(let chain): write(UInt8(6)); write(chain)
        }
    }
}
