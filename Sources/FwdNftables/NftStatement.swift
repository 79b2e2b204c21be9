/// What a register holds while a rule's expressions are read back into statements.
enum Operand: Hashable {
    /// `meta load <key>`.
    case meta(NftMetaKey)
    /// `payload load <length>b @ <base> + <offset>`.
    case payload(NftPayloadBase, offset: UInt32, length: UInt32)
    /// `ct load <key>`.
    case conntrack(NftConntrackKey)
}

/// One statement of a rule as nft prints it: a relation of a loaded value, or an action. This is
/// the shape nft's delinearization gives expressions before printing them.
enum NftStatement: Hashable {
    /// `operand [& mask] <op> value`.
    case match(Operand, mask: [UInt8]?, NftCompareOperator, [UInt8])
    /// `operand from-to`: a `cmp gte` followed by a `cmp lte` on the same register.
    case between(Operand, from: [UInt8], to: [UInt8])
    /// `operand [!=] from-to` from a `range` expression.
    case range(Operand, NftCompareOperator, from: [UInt8], to: [UInt8])
    /// `operand [!=] @set`.
    case lookup(Operand, set: String, inverted: Bool)
    /// `meta mark set <value>`.
    case markSet([UInt8])
    /// `meta mark set meta mark` transformed by `& mask ^ xor`.
    case markSetMasked(mask: [UInt8], xor: [UInt8])
    /// `snat|dnat <family> to …` with the constants its registers were loaded with.
    case nat(NftNatType, NftFamily, addresses: [[UInt8]], ports: [[UInt8]])
    /// `masquerade [to :ports]`.
    case masquerade(ports: [[UInt8]])
    /// `redirect [to :ports]`.
    case redirect(ports: [[UInt8]])
    /// `accept`, `jump chain`, …
    case verdict(NftVerdict)
    /// `log …`.
    case log(prefix: String?, level: UInt32?)
    /// `limit rate …`.
    case limit(rate: UInt64, unit: UInt64, burst: UInt32)
    /// `reject …`.
    case reject(NftRejectType, code: UInt8)
    /// `counter`.
    case counter
    /// An expression sequence this reader does not know; printed in libnftnl's debug form.
    case unknown(NftExpression)

    /// Reads `expressions` into statements, following register contents as nft does.
    static func statements(of expressions: [NftExpression]) -> [NftStatement] {
        var reader = StatementReader()
        var index = expressions.startIndex
        while index < expressions.endIndex {
            let expression = expressions[index]
            let next = expressions.index(after: index) < expressions.endIndex ? expressions[index + 1] : nil
            if reader.readBetween(expression, next) {
                index += 2
            } else {
                reader.read(expression)
                index += 1
            }
        }
        return reader.statements
    }
}

/// Register contents and the statements read so far.
private struct StatementReader {
    enum Content {
        case loaded(Operand, mask: [UInt8]?, xor: [UInt8]?)
        case constant([UInt8])
    }

    var registers: [UInt32: Content] = [:]
    var statements: [NftStatement] = []

    /// Reads `cmp gte` + `cmp lte` on one loaded register as one range statement.
    mutating func readBetween(_ first: NftExpression, _ second: NftExpression?) -> Bool {
        guard case .compare(.greaterOrEqual, let source, let from) = first,
            case .compare(.lessOrEqual, source, let to)? = second,
            case .loaded(let operand, nil, nil)? = registers[source.rawValue]
        else { return false }
        statements.append(.between(operand, from: from, to: to))
        return true
    }

    mutating func read(_ expression: NftExpression) {
        switch expression {
        case .meta(let key, let destination):
            registers[destination.rawValue] = .loaded(.meta(key), mask: nil, xor: nil)
        case .payload(let base, let offset, let length, let destination):
            registers[destination.rawValue] = .loaded(.payload(base, offset: offset, length: length), mask: nil, xor: nil)
        case .conntrack(let key, let destination):
            registers[destination.rawValue] = .loaded(.conntrack(key), mask: nil, xor: nil)
        case .immediate(let destination, let data):
            registers[destination.rawValue] = .constant(data)
        case .bitwise(let source, let destination, _, let mask, let xor):
            guard case .loaded(let operand, nil, nil)? = registers[source.rawValue] else {
                return statements.append(.unknown(expression))
            }
            registers[destination.rawValue] = .loaded(operand, mask: mask, xor: xor)
        case .compare(let op, let source, let data):
            guard case .loaded(let operand, let mask, let xor)? = registers[source.rawValue], xor?.allZero ?? true else {
                return statements.append(.unknown(expression))
            }
            statements.append(.match(operand, mask: mask, op, data))
        case .range(let op, let source, let from, let to):
            guard case .loaded(let operand, nil, nil)? = registers[source.rawValue] else {
                return statements.append(.unknown(expression))
            }
            statements.append(.range(operand, op, from: from, to: to))
        case .lookup(let set, _, let source, let inverted):
            guard case .loaded(let operand, nil, nil)? = registers[source.rawValue] else {
                return statements.append(.unknown(expression))
            }
            statements.append(.lookup(operand, set: set, inverted: inverted))
        case .metaSet(let key, let source):
            readMetaSet(expression, key: key, source: source)
        case .nat(let type, let family, let addressMin, let addressMax, let portMin, let portMax, _):
            statements.append(.nat(
                type, family, addresses: constants(addressMin, addressMax), ports: constants(portMin, portMax)))
        case .masquerade(let portMin, let portMax, _):
            statements.append(.masquerade(ports: constants(portMin, portMax)))
        case .redirect(let portMin, let portMax, _):
            statements.append(.redirect(ports: constants(portMin, portMax)))
        case .verdict(let verdict): statements.append(.verdict(verdict))
        case .log(let prefix, let level): statements.append(.log(prefix: prefix, level: level))
        case .limit(let rate, let unit, let burst): statements.append(.limit(rate: rate, unit: unit, burst: burst))
        case .reject(let type, let code): statements.append(.reject(type, code: code))
        case .counter: statements.append(.counter)
        }
    }

    private mutating func readMetaSet(_ expression: NftExpression, key: NftMetaKey, source: NftRegister) {
        if key == .mark, case .constant(let value)? = registers[source.rawValue] {
            statements.append(.markSet(value))
        } else if key == .mark, case .loaded(.meta(.mark), let mask?, let xor?)? = registers[source.rawValue] {
            statements.append(.markSetMasked(mask: mask, xor: xor))
        } else {
            statements.append(.unknown(expression))
        }
    }

    private func constants(_ registers: NftRegister?...) -> [[UInt8]] {
        registers.compactMap { register in
            guard let register, case .constant(let data)? = self.registers[register.rawValue] else { return nil }
            return data
        }
    }
}

extension [UInt8] {
    /// Whether every byte is zero.
    var allZero: Bool { allSatisfy { $0 == 0 } }
}
