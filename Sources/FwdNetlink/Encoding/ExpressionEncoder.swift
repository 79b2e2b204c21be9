internal import CLibMnl
import FwdNftables

/// Why one expression cannot be encoded (the builder adds the rule's location).
struct EncodingProblem: Error {
    /// What is wrong, e.g. `compare data is 70 bytes (at most 64)`.
    var message: String
}

/// Encodes ``NftExpression`` values as libnftnl expressions: one exhaustive switch, the kinds
/// grouped in `ExpressionEncoder+*.swift`. Batches are written by ``ExpressionWriter`` (no
/// libnftnl object per expression); this encoder is the reference its bytes are tested against,
/// and holds the checks both share.
struct ExpressionEncoder {
    /// The sets of the table the rule belongs to, for lookups.
    let sets: SetDirectory

    /// The libnftnl expression for `expression`.
    func encode(_ expression: NftExpression) throws(EncodingProblem) -> NftnlExpression {
        do {
            switch expression {
            case .meta(let key, let destination):
                return try meta(key, destination: destination)
            case .metaSet(let key, let source):
                return try metaSet(key, source: source)
            case .payload(let base, let offset, let length, let destination):
                return try payload(base: base, offset: offset, length: length, destination: destination)
            case .compare(let comparison, let source, let data):
                return try compare(comparison, source: source, data: data)
            case .bitwise(let source, let destination, let length, let mask, let xor):
                return try bitwise(source: source, destination: destination, length: length, mask: mask, xor: xor)
            case .range(let comparison, let source, let from, let to):
                return try range(comparison, source: source, from: from, to: to)
            case .conntrack(let key, let destination):
                return try conntrack(key, destination: destination)
            case .lookup(let set, let setID, let source, let inverted):
                return try lookup(set: set, setID: setID, source: source, inverted: inverted)
            case .counter:
                return try NftnlExpression("counter")
            case .limit(let rate, let unit, let burst):
                return try limit(rate: rate, unit: unit, burst: burst)
            case .log(let prefix, let level):
                return try log(prefix: prefix, level: level)
            case .reject(let type, let code):
                return try reject(type, code: code)
            case .immediate(let destination, let data):
                return try immediate(destination: destination, data: data)
            case .verdict(let verdict):
                return try self.verdict(verdict)
            case .nat(let type, let family, let addressMin, let addressMax, let portMin, let portMax, let flags):
                return try nat(
                    type, family: family, addressMin: addressMin, addressMax: addressMax,
                    portMin: portMin, portMax: portMax, flags: flags)
            case .masquerade(let portMin, let portMax, let flags):
                return try masquerade(portMin: portMin, portMax: portMax, flags: flags)
            case .redirect(let portMin, let portMax, let flags):
                return try redirect(portMin: portMin, portMax: portMax, flags: flags)
            }
        } catch let error as EncodingProblem {
            throw error
        } catch let error as NftSystemError {
            throw EncodingProblem(message: error.description)
        } catch {
            throw EncodingProblem(message: "\(error)")
        }
    }

    /// The largest value the kernel accepts in one data attribute (`NFT_DATA_VALUE_MAXLEN`).
    static let maximumDataLength = Int(NFT_DATA_VALUE_MAXLEN)

    /// Checks that `data` is a value the kernel can hold.
    static func checkData(_ data: [UInt8], _ what: String) throws(EncodingProblem) {
        guard !data.isEmpty else { throw EncodingProblem(message: "\(what) is empty") }
        guard data.count <= maximumDataLength else {
            throw EncodingProblem(message: "\(what) is \(data.count) bytes (at most \(maximumDataLength))")
        }
    }
}
