import FwdModel
import FwdPolicy

extension ConfigParser {
    static let zoneKeys = ["interfaces", "addresses"]
    static let channelKeys: Set<RuleKey> = [.proto, .sourcePort, .destinationPort, .icmpType, .connectionState]

    /// `zones:` — name → `interfaces:` (one or a list) and optional `addresses:` (a list, or one
    /// set `"@name"`).
    func parseZones(_ value: YAMLEvent, _ file: FileContext) {
        if value.isNull { return }
        guard value.kind == .mappingStart else {
            return reportWrongType(value, expected: "a mapping of zone names to zones", key: "zones", file)
        }
        forEachEntry(file, in: "zones") { name, location, body in
            let key = "zones: \(name.truncatedForMessage)"
            guard body.kind == .mappingStart else {
                return reportWrongType(body, expected: "a mapping with interfaces: and addresses:", key: key, file)
            }
            var zone = ZoneDraft(name: name, location: location)
            var sawInterfaces = false
            forEachEntry(file, in: key) { field, fieldLocation, fieldValue in
                switch field {
                case "interfaces":
                    sawInterfaces = true
                    zone.interfaces = readRawValue(fieldValue, key: "\(key): interfaces", file)?.scalars ?? []
                case "addresses":
                    zone.addresses = readRawValue(fieldValue, key: "\(key): addresses", file)?.scalars ?? []
                default:
                    report(fieldLocation, "\(key): unknown key '\(field.truncatedForMessage)'"
                        + didYouMean(field, among: ConfigParser.zoneKeys) + " (a zone has interfaces: and addresses:)")
                    skip(fieldValue, file)
                }
            }
            if !sawInterfaces { return report(location, "\(key): a zone needs interfaces: (one or a list)") }
            if Zone.reservedNames.contains(name) {
                return report(location, "zones: '\(name)' is built in (host/self is the firewall, any every interface)")
            }
            if let first = zoneDrafts[name] {
                return report(location, "zones: '\(name)' is already defined at \(first.location)")
            }
            zoneDrafts[name] = zone
            zoneOrder.append(name)
        }
    }

    /// `services:` — name → one channel `{proto:, dport:, …}` or a list of them.
    func parseServices(_ value: YAMLEvent, _ file: FileContext) {
        if value.isNull { return }
        guard value.kind == .mappingStart else {
            return reportWrongType(value, expected: "a mapping of service names to channels", key: "services", file)
        }
        forEachEntry(file, in: "services") { name, location, body in
            var service = ServiceDraft(name: name, location: location)
            switch body.kind {
            case .mappingStart:
                service.channels.append(parseRuleMapping(body, file))
            case .sequenceStart:
                while true {
                    let item = file.reader.next()
                    if item.kind == .mappingStart {
                        service.channels.append(parseRuleMapping(item, file))
                    } else if item.isNodeStart {
                        reportWrongType(item, expected: "a channel such as {proto: tcp, dport: 22}",
                            key: "services: \(name.truncatedForMessage)", file)
                    } else {
                        break
                    }
                }
            case .scalar, .alias, .documentStart, .documentEnd, .mappingEnd, .sequenceEnd, .streamEnd:
                return reportWrongType(body, expected: "a channel {proto:, dport:} or a list of them",
                    key: "services: \(name.truncatedForMessage)", file)
            }
            if !Definitions.isValidName(Substring(name)) {
                return report(location, "services: '\(name.truncatedForMessage)' is not a valid name (a letter or _,"
                    + " then letters, digits, _ or -)")
            }
            if let first = serviceDrafts[name] {
                return report(location, "services: '\(name)' is already defined at \(first.location)")
            }
            serviceDrafts[name] = service
        }
    }
}
